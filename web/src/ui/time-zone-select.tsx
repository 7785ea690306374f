import type { SelectHTMLAttributes } from "react";
import { timeZoneOptions } from "../lib/time.ts";

/** The line's time zone: the common ones by their city, plus the current one if it is not among them. */
export function TimeZoneSelect({
  value,
  ...props
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "value"> & { value: string }) {
  return (
    <select {...props} value={value}>
      {timeZoneOptions(value).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll("_", " ")}
        </option>
      ))}
    </select>
  );
}
