/** Grey placeholder rows in the shape of the list being loaded; screen readers hear `label`. */
export function SkeletonRows({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the rows are identical and never move
        <div key={row} className="skeleton__row" aria-hidden="true">
          <span className="skeleton__bar skeleton__bar--wide" />
          <span className="skeleton__bar" />
          <span className="skeleton__bar skeleton__bar--short" />
        </div>
      ))}
    </div>
  );
}
