import { useSearchParams } from "react-router";
import { useLines } from "../api/queries.ts";
import type { Line } from "../api/types.ts";

/** "Show: everyone / Rose / …", kept in the URL so it survives reloads and can be linked. */
export function useLineFilter(): [string | undefined, (lineId: string) => void] {
  const [params, setParams] = useSearchParams();
  const lineId = params.get("lineId") ?? undefined;
  return [lineId, (next) => setParams(next ? { lineId: next } : {})];
}

export function LineFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const { data } = useLines();
  return (
    <div className="field field-inline">
      <label htmlFor="line-filter">Show</label>
      <select id="line-filter" value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">Everyone</option>
        {data.items.map((l) => (
          <option key={l.id} value={l.id}>
            {l.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}

export function useLineNames(): (lineId: string | null) => Line | undefined {
  const { data } = useLines();
  return (lineId) => data.items.find((l) => l.id === lineId);
}
