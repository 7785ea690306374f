import { signQstash } from "./sign.ts";

export interface DeliveryAttempt {
  retried: number;
  at: string;
  status: number | null;
  error?: string;
}

export interface Delivery {
  messageId: string;
  scheduleId: string | null;
  url: string;
  state: "delivering" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
}

export interface DeliverOptions {
  url: string;
  body: string;
  contentType: string;
  signingKey: string;
  /** Retries after the first attempt (QStash: 3 on the free plan). */
  retries: number;
  scheduleId?: string;
  /** Multiplies QStash's backoff, so tests need not wait 12 s for a retry. */
  backoffScale: number;
  timeoutMs: number;
  onAttempt?: (delivery: Delivery) => void;
}

/** QStash's retry backoff: min(1 day, e^(2.5·n)) seconds after the n-th failed attempt. */
export function backoffMs(retriedSoFar: number): number {
  return Math.min(86_400, Math.exp(2.5 * retriedSoFar)) * 1000;
}

/**
 * Delivers one message as QStash does: POST with a fresh `Upstash-Signature` per attempt and QStash's
 * headers; any non-2xx answer or network error is retried with backoff until the retries run out.
 * Resolves once the first attempt is over; `done` resolves when the delivery is settled.
 */
export function deliver(options: DeliverOptions): {
  delivery: Delivery;
  first: Promise<void>;
  done: Promise<Delivery>;
} {
  const delivery: Delivery = {
    messageId: `msg_${crypto.randomUUID().replaceAll("-", "")}`,
    scheduleId: options.scheduleId ?? null,
    url: options.url,
    state: "delivering",
    attempts: [],
  };
  let firstDone: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstDone = resolve;
  });
  const attempt = async (retried: number): Promise<boolean> => {
    const record: DeliveryAttempt = { retried, at: new Date().toISOString(), status: null };
    try {
      const headers: Record<string, string> = {
        "content-type": options.contentType,
        "user-agent": "Upstash-QStash",
        "upstash-signature": await signQstash({
          key: options.signingKey,
          url: options.url,
          body: options.body,
        }),
        "upstash-message-id": delivery.messageId,
        "upstash-retried": String(retried),
        "upstash-caller-ip": "127.0.0.1",
      };
      if (options.scheduleId) headers["upstash-schedule-id"] = options.scheduleId;
      const response = await fetch(options.url, {
        method: "POST",
        headers,
        body: options.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    delivery.attempts.push(record);
    options.onAttempt?.(delivery);
    return record.status !== null && record.status >= 200 && record.status < 300;
  };
  const done = (async () => {
    for (let retried = 0; ; retried++) {
      const ok = await attempt(retried);
      if (retried === 0) firstDone();
      if (ok) {
        delivery.state = "delivered";
        return delivery;
      }
      if (retried >= options.retries) {
        delivery.state = "failed";
        return delivery;
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs(retried + 1) * options.backoffScale));
    }
  })();
  return { delivery, first, done };
}
