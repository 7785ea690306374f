import type { CallInsights } from "../api/types.ts";
import { moodWord } from "../lib/words.ts";

/** What a call's insights tell the family: a mood mark, the summary, topics and anything passed on. */
export function CallInsightsView({ insights, name }: { insights: CallInsights; name: string }) {
  return (
    <div className="insights" data-testid="call-insights">
      {insights.mood !== null ? (
        <p className="mood" data-testid="call-mood">
          <span className={`mood-mark mood-${insights.mood}`} aria-hidden="true" />
          Mood: {moodWord(insights.mood)}
          {insights.energy !== null ? ` · energy ${insights.energy} of 5` : ""}
        </p>
      ) : null}
      {insights.summary ? (
        <p className="summary" data-testid="call-summary">
          {insights.summary}
        </p>
      ) : null}
      {insights.topics.length > 0 ? <p className="hint">Talked about: {insights.topics.join(", ")}</p> : null}
      {insights.familyNote ? (
        <p data-testid="family-note">
          {name} asked us to pass on: {insights.familyNote}
        </p>
      ) : null}
      {insights.source === "fallback" ? (
        <p className="hint">The call ended suddenly, so this summary was written just after it.</p>
      ) : null}
    </div>
  );
}
