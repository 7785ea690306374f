/**
 * Phone numbers never reach a log line whole: Twilio's error strings and URLs carry them ("The 'To' number
 * +15555550100 is not…", `To=%2B15555550100`). Each is cut to its last two digits, enough to tell two
 * numbers apart in one call's logs and useless to anyone reading the logs later.
 */
const PHONE = /(\+|%2B)[1-9](?:[\s().-]{0,2}\d){6,14}/gi;

export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE, (match) => `+…${match.replace(/\D/g, "").slice(-2)}`);
}
