/** Tables of the playbooks, messages and My day (db/migrations/0002_*.sql). */
export type PlaybookTables = Record<never, never>;
