import type { SimulatorCommand } from "../cli-kit.ts";

const simUrl = () => process.env.QSTASH_SIM_URL ?? `http://127.0.0.1:${process.env.QSTASH_SIM_PORT ?? 4040}`;

/** `npm run sim -- tick`: the QStash simulator delivers its schedules (the scheduler's tick) now. */
export const qstashCommands: Record<string, SimulatorCommand> = {
  tick: {
    usage: "tick",
    summary: "fire the scheduler's QStash tick now (signed, as QStash sends it)",
    async run() {
      const response = await fetch(`${simUrl()}/_sim/tick`, { method: "POST" });
      if (!response.ok) {
        console.error(`QStash simulator answered ${response.status}: ${await response.text()}`);
        return 1;
      }
      const { deliveries } = (await response.json()) as {
        deliveries: {
          url: string;
          messageId: string;
          attempts: { status: number | null; error?: string }[];
        }[];
      };
      if (deliveries.length === 0) console.log("no schedules to deliver");
      for (const d of deliveries) {
        const first = d.attempts[0];
        console.log(`${d.messageId} → ${d.url}: ${first?.status ?? first?.error ?? "pending"}`);
      }
      return deliveries.every(
        (d) => (d.attempts[0]?.status ?? 0) < 300 && (d.attempts[0]?.status ?? 0) >= 200,
      )
        ? 0
        : 1;
    },
  },
};
