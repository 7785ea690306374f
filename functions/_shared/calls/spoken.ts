/** What callers hear from Twilio when we do not put them through to the AI. Short, kind, plain. */
export const spoken = {
  unknownCaller: [
    "Hello, you've reached Ultaura, a friendly phone companion that families set up for their loved ones.",
    "This number isn't registered with us yet. If a family member set this up for you, please ask them to check your phone number in the Ultaura app. Goodbye.",
  ],
  trialUsedUp: (name: string) => [
    `Hello ${name}, this is Ultaura. The free trial minutes have all been used.`,
    "A family member can choose a plan in the Ultaura app so we can keep talking. Thank you for calling. Goodbye.",
  ],
  accountInactive: (name: string) => [
    `Hello ${name}, this is Ultaura. Calls are paused on this account at the moment.`,
    "A family member can turn them back on in the Ultaura app. Thank you for calling. Goodbye.",
  ],
  voicemail: (name: string) => [
    `Hello, this is Ultaura calling for ${name}. Sorry we missed you. We'll try again another time. Take care. Goodbye.`,
  ],
  unavailable: [
    "Sorry, Ultaura can't take this call right now because of a problem on our side. Please try again in a few minutes. Goodbye.",
  ],
};
