/** Fixed ids of the rows supabase/seed.sql and seed-memories.ts create, for tests and local tools. */
export const SEED = {
  users: {
    demo: { id: "10000000-0000-4000-8000-000000000001", email: "demo@ultaura.local" },
    low: { id: "10000000-0000-4000-8000-000000000002", email: "low@ultaura.local" },
    paid: { id: "10000000-0000-4000-8000-000000000003", email: "paid@ultaura.local" },
  },
  accounts: {
    demo: "20000000-0000-4000-8000-000000000001",
    low: "20000000-0000-4000-8000-000000000002",
    paid: "20000000-0000-4000-8000-000000000003",
  },
  lines: {
    /** Rose, +15555550100, America/Los_Angeles. */
    rose: "30000000-0000-4000-8000-000000000001",
    /** Walter, +15555550101 (low-minutes trial). */
    low: "30000000-0000-4000-8000-000000000002",
    /** Maria, +15555550102 (care plan). */
    paid: "30000000-0000-4000-8000-000000000003",
  },
  phones: { rose: "+15555550100", low: "+15555550101", paid: "+15555550102", daniel: "+15555550199" },
  /** Rose's daily 10:00 schedule. */
  scheduleRoseDaily: "40000000-0000-4000-8000-000000000001",
  /** Daniel, Rose's son, opted in to alerts. */
  trustedContactDaniel: "50000000-0000-4000-8000-000000000001",
  memories: {
    roseGarden: "60000000-0000-4000-8000-000000000001",
    rosePrivate: "60000000-0000-4000-8000-000000000002",
  },
  subscriptionPaid: "90000000-0000-4000-8000-000000000001",
  /** The paid account's Stripe customer and subscription; the Stripe simulator creates them at start. */
  stripe: { paidCustomer: "cus_seed_paid", paidSubscription: "sub_seed_paid" },
  callSessions: {
    low: "70000000-0000-4000-8000-000000000001",
    paid: [
      "70000000-0000-4000-8000-000000000002",
      "70000000-0000-4000-8000-000000000003",
      "70000000-0000-4000-8000-000000000004",
    ],
  },
} as const;
