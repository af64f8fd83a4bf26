const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Interruptions by hour of the week on the person's own clock. Cells carry their count for screen readers. */
export function HeatMap({ grid, label }: { grid: number[][]; label: string }) {
  const max = Math.max(1, ...grid.flat());
  return (
    <div className="heat-map" role="table" aria-label={label}>
      {grid.map((row, d) => (
        <div className="heat-row" role="row" key={DAYS[d]}>
          <span className="heat-day" role="rowheader">
            {DAYS[d]}
          </span>
          {row.map((n, h) => (
            <span key={h} role="cell" className={`heat-cell heat-${n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4))}`} title={`${DAYS[d]} ${String(h).padStart(2, '0')}:00 — ${n}`} aria-label={n ? `${DAYS[d]} ${h}:00, ${n}` : undefined} />
          ))}
        </div>
      ))}
    </div>
  );
}
