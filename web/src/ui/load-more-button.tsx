type LoadMoreButtonProps = {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  label?: string;
};

export function LoadMoreButton({
  hasMore,
  loading,
  onLoadMore,
  label = 'Load more',
}: LoadMoreButtonProps) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button button--secondary"
        onClick={onLoadMore}
        disabled={loading}
        aria-busy={loading}
      >
        {loading ? 'Loading…' : label}
      </button>
    </div>
  );
}
