import { touchKindLabels, touchKinds } from '../me/touch-kinds.ts';
import { type FieldProblem, fieldId, type StepDraft } from './playbook-draft.ts';
import { PlaybookField } from './playbook-field.tsx';
import { assigneeLabels, audienceLabels, offsetFromLabels, stepKindLabels, surveyKindLabels } from './playbook-labels.ts';
import { assigneeRules, audiences, stepKinds, surveyKinds } from './playbooks.api.ts';

type StepFieldsProps = {
  index: number;
  step: StepDraft;
  problem: FieldProblem | null;
  onChange: (step: StepDraft) => void;
  onRemove: () => void;
};

export function StepFields({ index, step, problem, onChange, onRemove }: StepFieldsProps) {
  const path = (name: string) => `steps.${index}.${name}`;
  const set = (patch: Partial<StepDraft>) => onChange({ ...step, ...patch });
  const stepProblem = problem?.field === `steps.${index}` ? problem : null;
  return (
    <fieldset className="step-fields" data-testid="step-fields" id={fieldId(`steps.${index}`)} tabIndex={-1}>
      <legend>Step {index + 1}</legend>
      {stepProblem ? <p className="field-error">{stepProblem.message}</p> : null}
      <div className="step-fields__grid">
        <PlaybookField path={path('key')} label="Key" problem={problem}>
          {(a11y) => <input {...a11y} className="input" value={step.key} maxLength={60} onChange={(e) => set({ key: e.target.value })} />}
        </PlaybookField>
        <PlaybookField path={path('kind')} label="Kind" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={step.kind} onChange={(e) => set({ kind: e.target.value as StepDraft['kind'] })}>
              {stepKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {stepKindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        <PlaybookField path={path('touch_kind')} label="Touch kind" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={step.touch_kind} onChange={(e) => set({ touch_kind: e.target.value as StepDraft['touch_kind'] })}>
              {touchKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {touchKindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        <PlaybookField path={path('offset_days')} label="Days" problem={problem}>
          {(a11y) => <input {...a11y} className="input" type="number" min={0} max={3650} value={step.offset_days} onChange={(e) => set({ offset_days: e.target.value })} />}
        </PlaybookField>
        <PlaybookField path={path('offset_from')} label="Counted from" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={step.offset_from} onChange={(e) => set({ offset_from: e.target.value as StepDraft['offset_from'] })}>
              {(['trigger', 'previous'] as const).map((from) => (
                <option key={from} value={from}>
                  {offsetFromLabels[from]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        <PlaybookField path={path('assignee')} label="Who" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={step.assignee} onChange={(e) => set({ assignee: e.target.value as StepDraft['assignee'] })}>
              {assigneeRules.map((rule) => (
                <option key={rule} value={rule}>
                  {assigneeLabels[rule]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        <PlaybookField path={path('audience')} label="Audience" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={step.audience} onChange={(e) => set({ audience: e.target.value as StepDraft['audience'] })}>
              {audiences.map((audience) => (
                <option key={audience} value={audience}>
                  {audienceLabels[audience]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        {step.kind === 'survey' ? (
          <PlaybookField path={path('survey_kind')} label="Survey" problem={problem}>
            {(a11y) => (
              <select {...a11y} className="input" value={step.survey_kind ?? 'nps'} onChange={(e) => set({ survey_kind: e.target.value as StepDraft['survey_kind'] })}>
                {surveyKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {surveyKindLabels[kind]}
                  </option>
                ))}
              </select>
            )}
          </PlaybookField>
        ) : null}
        {step.kind === 'task' ? (
          <PlaybookField path={path('window_days')} label="May move (working days)" problem={problem}>
            {(a11y) => (
              <input
                {...a11y}
                className="input"
                type="number"
                min={0}
                max={60}
                placeholder="By kind: cards 5, check-ins 10, calls 0"
                title="When the person's day is full, the task moves to the first day with room within this many working days. 0: it keeps its date."
                value={step.window_days}
                onChange={(e) => set({ window_days: e.target.value })}
              />
            )}
          </PlaybookField>
        ) : null}
        <PlaybookField path={path('recurrence_days')} label="Repeat every (days, optional)" problem={problem}>
          {(a11y) => <input {...a11y} className="input" type="number" min={1} max={3650} value={step.recurrence_days} onChange={(e) => set({ recurrence_days: e.target.value })} />}
        </PlaybookField>
      </div>
      {step.recurrence_days.trim() !== '' ? <CadenceResets step={step} onChange={(resets_on) => set({ resets_on })} /> : null}
      <PlaybookField path={path('subject')} label="Subject" problem={problem}>
        {(a11y) => <input {...a11y} className="input" value={step.subject} maxLength={300} onChange={(e) => set({ subject: e.target.value })} />}
      </PlaybookField>
      <PlaybookField path={path('body')} label="Body" problem={problem}>
        {(a11y) => <textarea {...a11y} className="input" rows={3} value={step.body} onChange={(e) => set({ body: e.target.value })} />}
      </PlaybookField>
      <button type="button" className="button button--secondary" onClick={onRemove}>
        Remove step {index + 1}
      </button>
    </fieldset>
  );
}

/** Which completed touches restart a recurring step's interval: a check-in call moves the next check-in, not the annual survey. */
function CadenceResets({ step, onChange }: { step: StepDraft; onChange: (resets: NonNullable<StepDraft['resets_on']>) => void }) {
  const chosen = new Set(step.resets_on ?? []);
  const toggle = (kind: (typeof touchKinds)[number]) => onChange(touchKinds.filter((k) => (k === kind ? !chosen.has(k) : chosen.has(k))));
  return (
    <fieldset className="cadence-resets" data-testid="cadence-resets">
      <legend>Restart the interval when one of these is done with the customer</legend>
      <p className="cadence-resets__hint">{chosen.size === 0 ? 'Nothing restarts it: it keeps its own calendar.' : 'Done early counts: the next one is due a full interval after it.'}</p>
      <div className="cadence-resets__kinds">
        {touchKinds.map((kind) => (
          <label key={kind} className="checkbox">
            <input type="checkbox" checked={chosen.has(kind)} onChange={() => toggle(kind)} /> {touchKindLabels[kind]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
