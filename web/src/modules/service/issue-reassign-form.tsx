import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { useTeam } from '../me/me.api.ts';
import { type IssueDetail, useReassignIssue } from './service.api.ts';

/** For leads: hand the issue to another member of the service team (the API refuses anyone else). */
export function IssueReassignForm({ issue }: { issue: IssueDetail }) {
  const team = useTeam();
  const reassign = useReassignIssue(issue.id);
  const agents = (team.data ?? []).filter((user) => user.role === 'service');
  const [assigneeId, setAssigneeId] = useState('');
  const others = agents.filter((agent) => agent.id !== issue.assignee_id);
  const chosen = others.some((a) => a.id === assigneeId) ? assigneeId : (others[0]?.id ?? '');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (chosen) reassign.mutate(chosen);
  };

  if (team.isError) return <ErrorMessage error={team.error} title="Could not load the service team." />;
  if (team.isSuccess && others.length === 0) return <p className="muted">Nobody else in the service team to hand this issue to.</p>;
  return (
    <form className="inline-form reassign-form" onSubmit={submit}>
      <label htmlFor="issue-reassign">Reassign to</label>
      <select id="issue-reassign" className="input" value={chosen} disabled={!team.isSuccess} onChange={(e) => setAssigneeId(e.target.value)}>
        {team.isPending ? <option value="">Loading the service team…</option> : null}
        {others.map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--secondary" disabled={reassign.isPending || !chosen}>
        {reassign.isPending ? 'Reassigning…' : 'Reassign'}
      </button>
      {reassign.isError ? <ErrorMessage error={reassign.error} title="The issue was not reassigned." /> : null}
      <p role="status" className="success-note">
        {reassign.isSuccess ? `Reassigned to ${agents.find((a) => a.id === reassign.variables)?.name ?? 'the chosen colleague'}.` : ''}
      </p>
    </form>
  );
}
