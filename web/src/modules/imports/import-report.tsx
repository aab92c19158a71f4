import { Badge } from '../../ui/badge.tsx';
import type { FinishedImport, ImportRecord } from './imports.api.ts';

const count = new Intl.NumberFormat();

export function ImportProgress({ record }: { record: ImportRecord }) {
  const share = record.bytes_total ? Math.min(1, record.bytes_read / record.bytes_total) : 0;
  const seconds = (Date.now() - new Date(record.started_at).getTime()) / 1000;
  const rate = seconds > 0 ? Math.round(record.rows_read / seconds) : 0;
  return (
    <div className="card import-progress" data-testid="import-progress">
      <p>
        Importing {record.file_name}: {count.format(record.rows_read)} rows read ({count.format(rate)} rows/s), {count.format(record.failed)} failed
      </p>
      <progress max={1} value={share} aria-label={`Import progress of ${record.file_name}`} />
    </div>
  );
}

/** What happened to every row, and the failed rows to download, fix and import again. */
export function ImportReport({ record }: { record: ImportRecord | FinishedImport }) {
  return (
    <section className="card import-report" data-testid="import-report" aria-labelledby={`report-${record.id}`}>
      <h2 id={`report-${record.id}`}>
        {record.file_name} <Badge tone={record.status === 'failed' || record.failed > 0 ? 'warning' : 'success'}>{record.status === 'failed' ? 'Stopped' : 'Done'}</Badge>
      </h2>
      {record.message ? <p role="alert">{record.message}</p> : null}
      <dl className="facts">
        {(['inserted', 'updated', 'skipped', 'failed'] as const).map((key) => (
          <div key={key}>
            <dt>{key[0]?.toUpperCase() + key.slice(1)}</dt>
            <dd data-testid={`report-${key}`}>{count.format(record[key])}</dd>
          </div>
        ))}
      </dl>
      {record.skipped > 0 && Object.keys(record.skipped_reasons ?? {}).length > 0 ? (
        <p data-testid="report-skipped-reasons">
          Skipped:{' '}
          {Object.entries(record.skipped_reasons)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([reason, n]) => `${count.format(n)} ${reason}`)
            .join(', ')}
        </p>
      ) : null}
      {record.failed > 0 ? (
        <p>
          <a href={`/api/v1/imports/${record.id}/failures.csv`} download>
            Download the {count.format(record.failed)} failed rows with the reason for each (CSV)
          </a>
        </p>
      ) : null}
    </section>
  );
}
