import type { SelectHTMLAttributes } from "react";
import { LANGUAGES } from "../lib/words.ts";

/** The language Ultaura speaks on the line's calls. */
export function LanguageSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...props}>
      {LANGUAGES.map((l) => (
        <option key={l.value} value={l.value}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
