/**
 * The keypad during a call: which key does what. The Worker acts on these keys and the spoken "press …"
 * help is worded from them, so the two cannot drift apart.
 */
export const KEYPAD = {
  /** Hear the last thing said again, more slowly. */
  repeat: "1",
  /** How the keys work, how to reach family, 911 and 988. */
  help: "0",
  /** Stop the calls: pressed once it asks to confirm, pressed again within the window it opts out. */
  optOut: "9",
} as const;

export type Keypad = typeof KEYPAD;

export type KeypadAction = keyof Keypad;

/** The action of a pressed key, or null for a key with no meaning. */
export function keypadAction(digit: string): KeypadAction | null {
  for (const action of Object.keys(KEYPAD) as KeypadAction[]) if (KEYPAD[action] === digit) return action;
  return null;
}

/**
 * On a reminder call, the key that says "done" (issue 24): the repeat key, which a reminder call lends to
 * the acknowledgement — "press 1 when you have" is what families and peers' services use.
 */
export const REMINDER_ACK_KEY = KEYPAD.repeat;
