import { type FormEvent, useState } from "react";
import type { Line } from "../../api/types.ts";
import { Button } from "../../ui/button.tsx";

/**
 * "Has Rose agreed?" — asked before any code is sent. Unchecked by default; the API records the consent,
 * with the time and who confirmed it, when the phone is verified.
 */
export function AgreeStep({ line, onDone }: { line: Line; onDone: () => void }) {
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!agreed) {
      setError(
        `Please check the box once ${line.displayName} has agreed. Ultaura only calls people who said yes.`,
      );
      document.getElementById("agree-box")?.focus();
      return;
    }
    onDone();
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2 tabIndex={-1}>Has {line.displayName} agreed to get calls from an AI companion?</h2>
      <p>
        Ultaura is a friendly voice, not a person. Before we call, {line.displayName} should know that and be
        happy to receive the calls. They can say "stop calling" at any time, and we will.
      </p>
      <div className={`checkbox-field${error ? " field-invalid" : ""}`}>
        <input
          id="agree-box"
          type="checkbox"
          checked={agreed}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "agree-error" : undefined}
          onChange={(e) => {
            setAgreed(e.target.checked);
            setError("");
          }}
        />
        <label htmlFor="agree-box">
          Yes, {line.displayName} has agreed to receive calls from Ultaura, an AI companion.
        </label>
      </div>
      {error ? (
        <p id="agree-error" className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
      <p className="hint">We record that you confirmed this, and when, once the phone is verified.</p>
      <Button type="submit" variant="primary">
        Continue
      </Button>
    </form>
  );
}
