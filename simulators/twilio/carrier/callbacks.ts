import { type CallStatus, eventForStatus, type StatusEvent, twilioDate } from "./status.ts";
import { sendWebhook } from "./webhook.ts";

export interface CallbackDelivery {
  sequenceNumber: number;
  callStatus: CallStatus;
  url: string;
  httpStatus: number | null;
  error: string | null;
  /** True for a re-delivery requested through the test hook. */
  redelivery: boolean;
  params: Record<string, string>;
}

export interface StatusCallbackConfig {
  url: string | undefined;
  events: ReadonlySet<StatusEvent>;
  authToken: string;
  timeoutMs: number;
  log: (line: string) => void;
}

/**
 * Status callbacks of one call. Each subscribed status gets the next `SequenceNumber` (0, 1, 2, …); they go
 * out one after another in that order, as Twilio sends them, without holding up the call.
 */
export class StatusCallbacks {
  readonly deliveries: CallbackDelivery[] = [];
  private sequence = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly config: StatusCallbackConfig) {}

  notify(status: CallStatus, params: Record<string, string>): void {
    const event = eventForStatus(status);
    const url = this.config.url;
    if (!url || !event || !this.config.events.has(event)) return;
    const sequenceNumber = this.sequence;
    this.sequence += 1;
    const full = {
      ...params,
      CallStatus: status,
      Timestamp: twilioDate(new Date()),
      SequenceNumber: String(sequenceNumber),
      CallbackSource: "call-progress-events",
    };
    this.enqueue({ sequenceNumber, callStatus: status, url, params: full, redelivery: false });
  }

  /** Sends already-delivered callbacks again, in the order given (default: all, newest first). */
  async redeliver(sequenceNumbers?: readonly number[]): Promise<CallbackDelivery[]> {
    await this.queue;
    const originals = this.deliveries.filter((d) => !d.redelivery);
    const order = sequenceNumbers ?? originals.map((d) => d.sequenceNumber).reverse();
    const start = this.deliveries.length;
    for (const sequenceNumber of order) {
      const original = originals.find((d) => d.sequenceNumber === sequenceNumber);
      if (original) this.enqueue({ ...original, redelivery: true });
    }
    await this.queue;
    return this.deliveries.slice(start);
  }

  drain(): Promise<void> {
    return this.queue;
  }

  private enqueue(item: Omit<CallbackDelivery, "httpStatus" | "error">): void {
    this.queue = this.queue.then(async () => {
      const outcome = await sendWebhook(
        { url: item.url, method: "POST", params: item.params },
        this.config.authToken,
        this.config.timeoutMs,
      );
      this.deliveries.push({ ...item, httpStatus: outcome.httpStatus, error: outcome.error });
      const result = outcome.error ?? String(outcome.httpStatus);
      this.config.log(`status callback ${item.callStatus} #${item.sequenceNumber} → ${result}`);
    });
  }
}
