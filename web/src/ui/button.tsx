import type { ButtonHTMLAttributes, Ref } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy?: boolean;
  busyText?: string;
  variant?: "primary" | "secondary" | "danger" | "link";
  ref?: Ref<HTMLButtonElement>;
}

/** A button that shows its own progress while the action it started is running. */
export function Button({ busy, busyText, variant = "secondary", children, className, ...rest }: Props) {
  return (
    <button
      type="button"
      {...rest}
      className={`button button-${variant}${className ? ` ${className}` : ""}`}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
    >
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {busyText ?? "Working…"}
        </>
      ) : (
        children
      )}
    </button>
  );
}
