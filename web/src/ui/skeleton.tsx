/** A placeholder shaped like the content that is loading. */
export function Skeleton({ lines = 3, card = false }: { lines?: number; card?: boolean }) {
  return (
    <div className={card ? "card skeleton-card" : "skeleton-block"} role="status" aria-busy="true">
      <span className="visually-hidden">Loading…</span>
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="skeleton-line" style={{ width: `${90 - i * 17}%` }} />
      ))}
    </div>
  );
}

export function CardSkeletons({ count = 2 }: { count?: number }) {
  return (
    <div className="card-grid">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} lines={4} card />
      ))}
    </div>
  );
}
