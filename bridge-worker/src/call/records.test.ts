import { describe, expect, it } from "vitest";
import { actionsOf, Call, greetedCall } from "./scenario.ts";
import { lostState } from "./state.ts";
import { step } from "./step.ts";

/** Which log entries become call events in functions/bridge (the shell posts those marked `record`). */
describe("recorded call events", () => {
  it("records warnings and errors, the reducer's and the shell's faults alike, up to the cap", () => {
    const call = new Call({ maxRecordedEvents: 3 });
    call.send({ type: "fault", level: "warn", event: "twilio_socket_error" });
    call.send({ type: "fault", level: "error", event: "action_failed", data: { error: "boom" } });
    call.send({ type: "context.failed", message: "refused" });
    call.send({ type: "fault", level: "warn", event: "socket_send_failed" });
    expect(actionsOf(call.take(), "log")).toEqual([
      { type: "log", level: "warn", event: "twilio_socket_error", record: true },
      { type: "log", level: "error", event: "action_failed", data: { error: "boom" }, record: true },
      { type: "log", level: "error", event: "context_failed", data: { message: "refused" }, record: true },
      { type: "log", level: "warn", event: "socket_send_failed" },
    ]);
    expect(call.state.recordedEvents).toBe(3);
  });

  it("never records info or debug entries", () => {
    const call = greetedCall();
    call.send({ type: "twilio", message: { event: "stop", callSid: "CA11111111111111111111111111111111" } });
    const logs = actionsOf(call.log, "log");
    expect(logs.map((a) => a.event)).toContain("call_ended");
    expect(logs.filter((a) => "record" in a)).toEqual([]);
    expect(call.state.recordedEvents).toBe(0);
  });

  it("a fault is logged whatever the call's phase, a lost call's too", () => {
    const lost = lostState({ callSessionId: "cs_1", callSid: "CA9" });
    const { actions } = step(lost, { type: "fault", level: "warn", event: "twilio_hangup_failed" }, () => 0);
    expect(actions).toEqual([{ type: "log", level: "warn", event: "twilio_hangup_failed", record: true }]);
  });
});
