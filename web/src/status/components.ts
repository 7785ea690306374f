export interface ComponentProbe {
  id: string;
  label: string;
  /** What the component is for, in a few words, for a newcomer. */
  role: string;
  url: string;
}

const functionRoles: Record<string, string> = {
  twilio: "Twilio's voice webhooks",
  api: "everything the family app does",
  bridge: "context and tools for live calls",
  billing: "Stripe webhooks and checkout",
  scheduler: "scheduled calls (QStash cron)",
};

/** Every part of the local stack, reached through Vite's proxy (see vite.config.ts). */
export const componentProbes: ComponentProbe[] = [
  ...Object.entries(functionRoles).map(([name, role]) => ({
    id: `function-${name}`,
    label: `functions/${name}`,
    role,
    url: `/functions/v1/${name}/health`,
  })),
  {
    id: "worker",
    label: "bridge Worker",
    role: "one Durable Object per live call",
    url: "/local/worker/health",
  },
  {
    id: "twilio-sim",
    label: "Twilio simulator",
    role: "carrier, REST, Verify, media streams",
    url: "/local/twilio-sim/_sim/health",
  },
  {
    id: "grok-sim",
    label: "Grok simulator",
    role: "realtime voice model",
    url: "/local/grok-sim/_sim/health",
  },
  {
    id: "stripe-sim",
    label: "Stripe simulator",
    role: "checkout, portal, subscriptions, meters, signed webhooks",
    url: "/local/stripe-sim/_sim/health",
  },
  {
    id: "qstash-sim",
    label: "QStash simulator",
    role: "signed minute tick for the scheduler",
    url: "/local/qstash-sim/_sim/health",
  },
  {
    id: "upstash-sim",
    label: "Upstash Redis simulator",
    role: "rate limits (REST over redis-server or in memory)",
    url: "/local/upstash-sim/_sim/health",
  },
  {
    id: "mail-sim",
    label: "Mail catcher",
    role: "e-mails from local sign-in: confirmations, password resets (page at its own port)",
    url: "/local/mail-sim/_sim/health",
  },
];
