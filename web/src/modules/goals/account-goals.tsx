import '../service/service.css';
import { type FormEvent, useState } from 'react';
import { Badge } from '../../ui/badge.tsx';
import { formatDate } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { type Goal, useAchieveGoal, useGoals, useRecordGoal } from './goals.api.ts';

function GoalItem({ goal, accountId }: { goal: Goal; accountId: string }) {
  const achieve = useAchieveGoal(accountId);
  return (
    <li data-testid="goal">
      <div className="item-list__head">
        <strong>{goal.text}</strong>
        {goal.status === 'achieved' ? <Badge tone="success">Achieved</Badge> : goal.status === 'dropped' ? <Badge>Dropped</Badge> : null}
      </div>
      {goal.measure ? <p className="muted">{`Measured by: ${goal.measure}`}</p> : null}
      {goal.target_on ? (
        <p className="muted">
          Target: <time dateTime={goal.target_on}>{formatDate(`${goal.target_on}T12:00:00`)}</time>
          {goal.review_status === 'planned' && goal.review_due_at ? ` · review planned ${formatDate(goal.review_due_at)}` : ''}
        </p>
      ) : null}
      {achieve.isError ? <ErrorMessage error={achieve.error} /> : null}
      {goal.status === 'open' ? (
        <div>
          <button type="button" className="button button--secondary" disabled={achieve.isPending} onClick={() => achieve.mutate(goal.id)} aria-label={`Mark achieved: ${goal.text}`}>
            Mark achieved
          </button>
        </div>
      ) : null}
    </li>
  );
}

function RecordGoalForm({ accountId }: { accountId: string }) {
  const record = useRecordGoal(accountId);
  const [text, setText] = useState('');
  const [measure, setMeasure] = useState('');
  const [targetOn, setTargetOn] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return;
    const body = { account_id: accountId, text: text.trim(), measure: measure.trim() || null, target_on: targetOn || null };
    record.mutate(body, {
      onSuccess: () => {
        setText('');
        setMeasure('');
        setTargetOn('');
      },
    });
  };
  return (
    <details className="disclosure">
      <summary>Record a goal</summary>
      <form className="plain-form" onSubmit={submit}>
        {record.isError ? <ErrorMessage error={record.error} title="The goal was not saved." /> : null}
        <div className="field">
          <label htmlFor="goal-text">Goal or vision</label>
          <textarea id="goal-text" className="input" rows={2} maxLength={2000} required value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="goal-measure">How will they measure it? (optional)</label>
          <input id="goal-measure" className="input" maxLength={500} value={measure} onChange={(e) => setMeasure(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="goal-target">Target date (optional)</label>
          <input id="goal-target" type="date" className="input" value={targetOn} onChange={(e) => setTargetOn(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={record.isPending}>
          {record.isPending ? 'Saving…' : 'Save goal'}
        </button>
      </form>
    </details>
  );
}

/** The customer's goals from discovery; 30 days before a target date a review lands in My day. */
export function AccountGoals({ accountId }: { accountId: string }) {
  const goals = useGoals(accountId);
  return (
    <section className="card panel" aria-labelledby="goals-heading">
      <h2 id="goals-heading">Goals</h2>
      {goals.isPending ? <Loading>Loading goals…</Loading> : null}
      {goals.isError ? <ErrorMessage error={goals.error} title="Could not load goals." /> : null}
      {goals.isSuccess && goals.data.length === 0 ? <EmptyState>No goals recorded yet.</EmptyState> : null}
      {goals.isSuccess && goals.data.length > 0 ? (
        <ul className="item-list" data-testid="goal-list">
          {goals.data.map((goal) => (
            <GoalItem key={goal.id} goal={goal} accountId={accountId} />
          ))}
        </ul>
      ) : null}
      <RecordGoalForm accountId={accountId} />
    </section>
  );
}
