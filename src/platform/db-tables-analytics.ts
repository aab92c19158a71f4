/** Tables of the retention analytics (db/migrations/0003_*.sql). */
export type AnalyticsTables = Record<never, never>;
