import { useState } from 'react';
import { Link } from 'react-router-dom';
import { withQuery } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { useTeam } from '../me/me.api.ts';
import { type AuditEntry, type AuditFilter, auditQuery, canSeeAudit, describeChanges, useAuditEntries, useAuditVocabulary } from './audit.api.ts';
import { actionLabel, recordLabel } from './audit-labels.ts';
import './audit.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const noFilter: AuditFilter = { actorId: '', action: '', entityType: '', from: '', to: '' };

export function AuditPage() {
  const user = useSignedInUser();
  const allowed = canSeeAudit(user.role);
  const [filter, setFilter] = useState<AuditFilter>(noFilter);
  const list = useAuditEntries(filter, allowed);
  const vocabulary = useAuditVocabulary(allowed);
  const team = useTeam();

  if (!allowed) {
    return (
      <>
        <title>Audit log · Afterclose</title>
        <h1>Audit log</h1>
        <p className="status">Only admins can read the audit log.</p>
      </>
    );
  }

  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];
  const refreshing = list.isPlaceholderData && list.isFetching;
  const set = (key: keyof AuditFilter) => (event: { target: { value: string } }) => setFilter((f) => ({ ...f, [key]: event.target.value }));
  return (
    <>
      <title>Audit log · Afterclose</title>
      <PageHeader title="Audit log" description="Who changed what and when, newest first. Entries are never changed or removed." actions={<a className="button button--secondary" href={withQuery('/api/v1/audit.csv', auditQuery(filter))} download>
          Download CSV
        </a>} />
      <fieldset className="audit-filters">
        <legend className="sr-only">Filters</legend>
        <div className="field">
          <label htmlFor="audit-actor">Who</label>
          <select id="audit-actor" className="input" value={filter.actorId} onChange={set('actorId')}>
            <option value="">Anyone</option>
            {(team.data ?? []).map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" className="input" value={filter.action} onChange={set('action')}>
            <option value="">Any action</option>
            {(vocabulary.data?.actions ?? []).map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">Record</label>
          <select id="audit-entity" className="input" value={filter.entityType} onChange={set('entityType')}>
            <option value="">Any record</option>
            {(vocabulary.data?.entity_types ?? []).map((type) => (
              <option key={type} value={type}>
                {recordLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" className="input" type="date" value={filter.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" className="input" type="date" value={filter.to} onChange={set('to')} />
        </div>
      </fieldset>
      {list.isPending ? <SkeletonRows label="Loading the audit log…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load the audit log." /> : null}
      {list.isSuccess && entries.length === 0 ? (
        <EmptyState title="No entries match">Choose another action or person, or clear the filters.</EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <div className={refreshing ? 'is-refreshing' : undefined} aria-busy={refreshing}>
          <AuditTable entries={entries} />
        </div>
      ) : null}
      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage && !refreshing} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table audit-table" data-testid="audit-table">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Changes</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row">
              <td data-label="When">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </td>
              <td data-label="Who">{entry.actor_name ?? <span className="muted">{entry.actor_id ? 'Removed user' : 'System'}</span>}</td>
              <td data-label="Action">
                <span title={entry.action}>{actionLabel(entry.action)}</span>
              </td>
              <td data-label="Record">
                <RecordLink entry={entry} />
              </td>
              <td data-label="Changes" className="audit-changes" title={Object.keys(entry.changes).join(', ') || undefined}>
                {describeChanges(entry.changes) || <span className="muted">—</span>}
              </td>
              <td data-label="Address">{entry.ip ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordLink({ entry }: { entry: AuditEntry }) {
  // A uuid is shortened to its first block (the full id is in the tooltip and the CSV); names such as a list's stay whole.
  const id = entry.entity_id && /^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(entry.entity_id) ? entry.entity_id.slice(0, 8) : entry.entity_id;
  const label = `${recordLabel(entry.entity_type)}${id ? ` ${id}` : ''}`;
  if (entry.account_id && entry.action !== 'account.deleted') {
    return (
      <Link to={`/accounts/${encodeURIComponent(entry.account_id)}`} title={entry.entity_id ?? undefined}>
        {label}
      </Link>
    );
  }
  return <span title={entry.entity_id ?? undefined}>{label}</span>;
}
