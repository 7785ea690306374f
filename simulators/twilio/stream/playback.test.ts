import { describe, expect, it } from "vitest";
import {
  advancePlayback,
  clearPlayback,
  emptyPlayback,
  enqueueAudio,
  enqueueMark,
  isPlaying,
  type PlaybackState,
} from "./playback.ts";

/** 160 bytes = 20 ms at 8000 bytes a second. */
const FRAME = 160;

function frames(state: PlaybackState, count: number, nowMs: number): PlaybackState {
  let next = state;
  for (let i = 0; i < count; i += 1) next = enqueueAudio(next, FRAME, nowMs);
  return next;
}

describe("playback buffer", () => {
  it("plays queued audio in real time", () => {
    const state = frames(emptyPlayback(), 50, 1000);
    expect(state.receivedMs).toBe(1000);
    expect(isPlaying(state, 1999)).toBe(true);
    expect(isPlaying(state, 2000)).toBe(false);
  });

  it("echoes a mark only when the audio before it has played", () => {
    let state = enqueueMark(frames(emptyPlayback(), 10, 0), "a", 0);
    expect(advancePlayback(state, 199).echoed).toEqual([]);
    const step = advancePlayback(state, 200);
    expect(step.echoed).toEqual(["a"]);
    state = step.state;
    expect(advancePlayback(state, 500).echoed).toEqual([]);
  });

  it("echoes a mark at once when nothing is playing", () => {
    const state = enqueueMark(emptyPlayback(), "idle", 100);
    expect(advancePlayback(state, 100).echoed).toEqual(["idle"]);
  });

  it("echoes several due marks in the order they were sent", () => {
    let state = enqueueMark(frames(emptyPlayback(), 1, 0), "one", 0);
    state = enqueueMark(frames(state, 1, 0), "two", 0);
    state = enqueueMark(state, "three", 0);
    expect(advancePlayback(state, 20).echoed).toEqual(["one"]);
    expect(advancePlayback(state, 40).echoed).toEqual(["one", "two", "three"]);
  });

  it("queues audio that arrives after a gap behind the present, not the past", () => {
    let state = frames(emptyPlayback(), 1, 0);
    state = enqueueMark(frames(state, 1, 1000), "late", 1000);
    expect(advancePlayback(state, 1019).echoed).toEqual([]);
    expect(advancePlayback(state, 1020).echoed).toEqual(["late"]);
  });

  it("clear drops queued audio and echoes every pending mark at once", () => {
    let state = enqueueMark(frames(emptyPlayback(), 50, 0), "first", 0);
    state = enqueueMark(frames(state, 50, 0), "second", 0);
    const step = clearPlayback(state, 300);
    expect(step.echoed).toEqual(["first", "second"]);
    expect(step.state.pendingMarks).toEqual([]);
    expect(step.state.droppedMs).toBe(1700);
    expect(isPlaying(step.state, 300)).toBe(false);
  });

  it("clear with nothing queued echoes nothing and drops nothing", () => {
    const step = clearPlayback(emptyPlayback(), 50);
    expect(step.echoed).toEqual([]);
    expect(step.state.droppedMs).toBe(0);
  });

  it("a mark sent after clear is not held back by the dropped audio", () => {
    const cleared = clearPlayback(frames(emptyPlayback(), 100, 0), 100).state;
    const state = enqueueMark(cleared, "after-clear", 100);
    expect(advancePlayback(state, 100).echoed).toEqual(["after-clear"]);
  });

  it("audio sent after clear starts playing right away and its mark waits for it", () => {
    const cleared = clearPlayback(frames(emptyPlayback(), 100, 0), 100).state;
    const state = enqueueMark(frames(cleared, 5, 100), "reply", 100);
    expect(advancePlayback(state, 199).echoed).toEqual([]);
    expect(advancePlayback(state, 200).echoed).toEqual(["reply"]);
  });

  it("marks already echoed are not echoed again by clear", () => {
    let state = enqueueMark(frames(emptyPlayback(), 1, 0), "done", 0);
    state = advancePlayback(state, 20).state;
    state = enqueueMark(frames(state, 10, 20), "pending", 20);
    expect(clearPlayback(state, 30).echoed).toEqual(["pending"]);
  });

  it("counts received audio including what clear dropped", () => {
    const state = clearPlayback(frames(emptyPlayback(), 25, 0), 100).state;
    expect(state.receivedMs).toBe(500);
    expect(state.droppedMs).toBe(400);
  });

  it("keeps the timeline of what was heard: joined across jitter, split at silences, cut by clear", () => {
    let state = frames(emptyPlayback(), 10, 0); // 0–200
    state = frames(state, 5, 210); // 10 ms after the end, within a frame: the same stretch, to 310
    state = frames(state, 5, 1000); // after 700 ms of silence: 1000–1100
    expect(state.heard).toEqual([
      { startMs: 0, endMs: 310 },
      { startMs: 1000, endMs: 1100 },
    ]);
    state = clearPlayback(state, 1050).state;
    expect(state.heard.at(-1)).toEqual({ startMs: 1000, endMs: 1050 });
    // A clear before queued audio began to play drops it from the timeline altogether.
    state = clearPlayback(frames(state, 5, 2000), 2000).state;
    expect(state.heard).toHaveLength(2);
  });
});
