import type { ColumnType, Generated } from 'kysely';

export const importKinds = ['accounts', 'contacts', 'products', 'orders'] as const;
export type ImportKind = (typeof importKinds)[number];
export type ImportStatus = 'running' | 'done' | 'failed';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/imports. */
export type ImportsTables = {
  imports: {
    id: Generated<string>;
    kind: ImportKind;
    file_name: string;
    preset: string | null;
    status: Generated<ImportStatus>;
    started_by: string | null;
    bytes_total: number | null;
    bytes_read: Generated<number>;
    rows_read: Generated<number>;
    inserted: Generated<number>;
    updated: Generated<number>;
    skipped: Generated<number>;
    failed: Generated<number>;
    /** Skipped rows counted by reason: guest, return, unchanged, not paid. */
    skipped_reasons: ColumnType<Record<string, number>, string | undefined, string>;
    message: string | null;
    header: Generated<string[]>;
    started_at: Timestamp;
    heartbeat_at: Timestamp;
    finished_at: Timestamp | null;
  };
  /** The rows of a running orders import, grouped by order number (0012_import_staging.sql). */
  import_order_rows: {
    import_id: string;
    order_number: string;
    row_number: number;
    fields: string[];
  };
  import_failures: {
    import_id: string;
    row_number: number;
    reason: string;
    fields: string[];
  };
};
