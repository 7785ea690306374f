import { DAY_NAMES, DAY_SHORT } from "../../lib/time.ts";

interface Props {
  days: number[];
  invalid: boolean;
  onChange: (days: number[]) => void;
}

/** The seven days as checkboxes, Sunday first, each shown short and read out in full. */
export function DayPicker({ days, invalid, onChange }: Props) {
  const toggle = (day: number) =>
    onChange(days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort());
  return (
    <div className="day-picker">
      {DAY_NAMES.map((name, day) => (
        <label key={name} className="day">
          <input
            type="checkbox"
            checked={days.includes(day)}
            onChange={() => toggle(day)}
            aria-invalid={invalid ? true : undefined}
          />
          <span aria-hidden="true">{DAY_SHORT[day]}</span>
          <span className="visually-hidden">{name}</span>
        </label>
      ))}
    </div>
  );
}
