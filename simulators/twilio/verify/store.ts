/**
 * Twilio Verify v2 semantics, pure (clock and code source injected): one pending verification per service
 * and recipient; re-sending within its life re-sends the same code; codes live 10 minutes; at most 5
 * sends to one recipient in 10 minutes and 5 checks per verification; a correct check approves it and ends it.
 */

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_SENDS = 5;
export const MAX_CHECKS = 5;

export type VerifyChannel = "sms" | "call";
export type VerificationStatus = "pending" | "approved" | "max_attempts_reached" | "expired";

export interface Verification {
  sid: string;
  serviceSid: string;
  to: string;
  channel: VerifyChannel;
  code: string;
  status: VerificationStatus;
  createdAtMs: number;
  updatedAtMs: number;
  sends: { atMs: number; channel: VerifyChannel }[];
  checks: number;
}

export type VerifyFailure =
  | { code: 60200; status: 400; message: string }
  | { code: 60202; status: 429; message: string }
  | { code: 60203; status: 429; message: string }
  | { code: 20404; status: 404; message: string };

export type VerifyResult = { ok: true; verification: Verification } | { ok: false; error: VerifyFailure };

const E164 = /^\+[1-9]\d{6,14}$/;

export class VerifyStore {
  /** Every verification ever started, oldest first; pending ones are the live ones. */
  readonly history: Verification[] = [];

  constructor(
    private readonly now: () => number,
    private readonly newCode: () => string,
    private readonly newSid: () => string,
  ) {}

  send(serviceSid: string, to: string, channel: string): VerifyResult {
    if (!E164.test(to)) return invalid(`Invalid parameter \`To\`: ${to}`);
    if (channel !== "sms" && channel !== "call") return invalid(`Invalid parameter \`Channel\`: ${channel}`);
    const now = this.now();
    const recentSends = this.history
      .filter((v) => v.serviceSid === serviceSid && v.to === to)
      .flatMap((v) => v.sends)
      .filter((send) => now - send.atMs < CODE_TTL_MS).length;
    if (recentSends >= MAX_SENDS)
      return fail({ code: 60203, status: 429, message: "Max send attempts reached" });
    const live = this.latest(serviceSid, to);
    if (live?.status === "pending") {
      live.sends.push({ atMs: now, channel });
      live.channel = channel;
      live.updatedAtMs = now;
      return { ok: true, verification: live };
    }
    const verification: Verification = {
      sid: this.newSid(),
      serviceSid,
      to,
      channel,
      code: this.newCode(),
      status: "pending",
      createdAtMs: now,
      updatedAtMs: now,
      sends: [{ atMs: now, channel }],
      checks: 0,
    };
    this.history.push(verification);
    return { ok: true, verification };
  }

  check(serviceSid: string, to: string, code: string): VerifyResult {
    if (!E164.test(to)) return invalid(`Invalid parameter \`To\`: ${to}`);
    if (!/^\d{4,10}$/.test(code)) return invalid("Invalid parameter `Code`");
    const live = this.latest(serviceSid, to);
    if (live?.status !== "pending" && live?.status !== "max_attempts_reached") {
      const message = `The requested resource /Services/${serviceSid}/VerificationCheck was not found`;
      return fail({ code: 20404, status: 404, message });
    }
    if (live.checks >= MAX_CHECKS) {
      live.status = "max_attempts_reached";
      return fail({ code: 60202, status: 429, message: "Max check attempts reached" });
    }
    live.checks += 1;
    live.updatedAtMs = this.now();
    if (code === live.code) live.status = "approved";
    return { ok: true, verification: live };
  }

  /** The newest verification for a recipient, retired first if its 10 minutes are up. */
  private latest(serviceSid: string, to: string): Verification | undefined {
    const found = this.history.findLast((v) => v.serviceSid === serviceSid && v.to === to);
    if (found && found.status !== "approved" && this.now() - found.createdAtMs >= CODE_TTL_MS) {
      found.status = "expired";
    }
    return found;
  }
}

function invalid(message: string): VerifyResult {
  return fail({ code: 60200, status: 400, message });
}

function fail(error: VerifyFailure): VerifyResult {
  return { ok: false, error };
}
