import { twilioSmsSender } from "../../functions/_shared/domain/notifications/sms.ts";
import type { Database } from "../../functions/_shared/platform/db.ts";
import { createLogger } from "../../functions/_shared/platform/log.ts";
import { createTwilioRest } from "../../functions/_shared/platform/twilio-rest.ts";
import { FAKE_TWILIO } from "./test-env.ts";

/** What `notifyMembers` needs, texting from the fake account's number through Twilio's REST API at `twilioUrl`. */
export function notifyDeps(db: Database, twilioUrl: string) {
  const rest = createTwilioRest({
    accountSid: FAKE_TWILIO.accountSid,
    authToken: FAKE_TWILIO.authToken,
    apiBaseUrl: twilioUrl,
  });
  return {
    db,
    sms: twilioSmsSender(rest, FAKE_TWILIO.phoneNumber),
    log: createLogger({ fn: "notify-test" }, "error"),
  };
}
