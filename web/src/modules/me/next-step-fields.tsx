import type { NextStepInput, TeamMember } from './me.api.ts';
import { nextStepKinds, type TouchKind, touchKindLabels } from './touch-kinds.ts';
import { zonedInstant } from './zoned-time.ts';

export type NextStepDraft = { kind: string; subject: string; assignee_id: string; date: string; time: string };

/** What is missing from a next step, named by the field the form should focus. */
export type NextStepProblem = { field: 'kind' | 'date' | 'time'; message: string };

/** The next step as the API takes it, due in the person's own zone, or what is still missing. */
export function nextStepFromDraft(draft: NextStepDraft, timeZone: string): { step: NextStepInput } | { problem: NextStepProblem } {
  if (!draft.kind) return { problem: { field: 'kind', message: 'Choose what kind of next step it is.' } };
  if (!draft.date || !draft.time) return { problem: { field: draft.date ? 'time' : 'date', message: 'Pick when the next step is due.' } };
  return {
    step: {
      kind: draft.kind as TouchKind,
      assignee_id: draft.assignee_id,
      due_at: zonedInstant(draft.date, draft.time, timeZone),
      ...(draft.subject.trim() ? { subject: draft.subject.trim() } : {}),
    },
  };
}

type NextStepFieldsProps = {
  idPrefix: string;
  draft: NextStepDraft;
  onChange: (draft: NextStepDraft) => void;
  team: TeamMember[];
  invalidField: string | null;
  errorId: string;
};

/** Ids of the inputs, so an API error naming `next_step.due_at` can focus the right one. */
export const nextStepFieldIds = (idPrefix: string) => ({
  kind: `${idPrefix}-kind`,
  subject: `${idPrefix}-subject`,
  assignee_id: `${idPrefix}-assignee`,
  date: `${idPrefix}-date`,
  time: `${idPrefix}-time`,
});

export function NextStepFields({ idPrefix, draft, onChange, team, invalidField, errorId }: NextStepFieldsProps) {
  const ids = nextStepFieldIds(idPrefix);
  const set = (patch: Partial<NextStepDraft>) => onChange({ ...draft, ...patch });
  const invalid = (field: keyof NextStepDraft) => invalidField === field;
  const errorProps = (field: keyof NextStepDraft) =>
    invalid(field) ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <fieldset className="touch-fieldset">
      <legend>Next step</legend>
      <div className="touch-fields-row">
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} className="input input--narrow" value={draft.kind} onChange={(e) => set({ kind: e.target.value })} {...errorProps('kind')}>
            <option value="">Choose…</option>
            {nextStepKinds.map((kind) => (
              <option key={kind} value={kind}>
                {touchKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field touch-field--grow">
          <label htmlFor={ids.subject}>Subject (optional)</label>
          <input id={ids.subject} className="input" value={draft.subject} maxLength={300} onChange={(e) => set({ subject: e.target.value })} />
        </div>
      </div>
      <div className="touch-fields-row">
        <div className="field">
          <label htmlFor={ids.assignee_id}>Assignee</label>
          <select
            id={ids.assignee_id}
            className="input input--narrow"
            value={draft.assignee_id}
            onChange={(e) => set({ assignee_id: e.target.value })}
            {...errorProps('assignee_id')}
          >
            {team.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.date}>Due date</label>
          <input id={ids.date} className="input input--narrow" type="date" value={draft.date} onChange={(e) => set({ date: e.target.value })} {...errorProps('date')} />
        </div>
        <div className="field">
          <label htmlFor={ids.time}>Due time</label>
          <input id={ids.time} className="input input--narrow" type="time" value={draft.time} onChange={(e) => set({ time: e.target.value })} {...errorProps('time')} />
        </div>
      </div>
    </fieldset>
  );
}
