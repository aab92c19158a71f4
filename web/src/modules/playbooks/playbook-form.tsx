import { type FormEvent, useEffect, useState } from 'react';
import { emptyStep, fieldId, problemOf, type StepDraft, toBody, toDraft } from './playbook-draft.ts';
import { PlaybookField } from './playbook-field.tsx';
import { triggerLabels } from './playbook-labels.ts';
import { type Playbook, type Trigger, triggers, useSavePlaybook } from './playbooks.api.ts';
import { StepFields } from './step-fields.tsx';

type PlaybookFormProps = {
  playbook?: Playbook;
  onSaved: (playbook: Playbook) => void;
};

export function PlaybookForm({ playbook, onSaved }: PlaybookFormProps) {
  const [draft, setDraft] = useState(() => toDraft(playbook));
  // An object, so asking for the same id twice still moves focus.
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const save = useSavePlaybook(playbook?.id);
  const problem = problemOf(save.error);

  // A new error (even on the same field again) sends the keyboard to the field it names.
  useEffect(() => {
    const field = problemOf(save.error)?.field;
    if (field) document.getElementById(fieldId(field))?.focus();
  }, [save.error]);
  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const setStep = (index: number, step: StepDraft) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? step : s)) }));
  const addStep = () => {
    setDraft((d) => ({ ...d, steps: [...d.steps, emptyStep(d.steps.length + 1)] }));
    setFocusTarget({ id: fieldId(`steps.${draft.steps.length}.key`) });
  };
  const removeStep = (index: number) => {
    setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }));
    const remaining = draft.steps.length - 1;
    setFocusTarget({ id: remaining === 0 ? 'playbook-add-step' : fieldId(`steps.${Math.min(index, remaining - 1)}`) });
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(toBody(draft), { onSuccess: onSaved });
  };
  const stepsProblem = problem?.field === 'steps' ? problem : null;

  return (
    <form className="playbook-form" onSubmit={submit} noValidate data-testid="playbook-form">
      {problem ? (
        <div className="status status--error" role="alert">
          <strong>Not saved. </strong>
          {problem.message}
        </div>
      ) : null}
      <PlaybookField path="name" label="Name" problem={problem}>
        {(a11y) => <input {...a11y} className="input" value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
      </PlaybookField>
      <PlaybookField path="description" label="Description" problem={problem}>
        {(a11y) => <textarea {...a11y} className="input" rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
      </PlaybookField>
      <div className="playbook-form__row">
        <PlaybookField path="trigger" label="Starts when" problem={problem}>
          {(a11y) => (
            <select {...a11y} className="input" value={draft.trigger} onChange={(e) => setDraft({ ...draft, trigger: e.target.value as Trigger })}>
              {triggers.map((trigger) => (
                <option key={trigger} value={trigger}>
                  {triggerLabels[trigger]}
                </option>
              ))}
            </select>
          )}
        </PlaybookField>
        {draft.trigger === 'no_touch_for_days' ? (
          <PlaybookField path="trigger_config.days" label="Days without a touch" problem={problem}>
            {(a11y) => <input {...a11y} className="input" type="number" min={1} max={3650} value={draft.days} onChange={(e) => setDraft({ ...draft, days: e.target.value })} />}
          </PlaybookField>
        ) : null}
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" id={fieldId('enabled')} checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
          Enabled: start runs when the trigger happens
        </label>
      </div>
      <fieldset className="playbook-form__steps" id={fieldId('steps')} tabIndex={-1} aria-describedby={stepsProblem ? 'playbook-steps-error' : undefined}>
        <legend>Steps</legend>
        {stepsProblem ? (
          <p id="playbook-steps-error" className="field-error">
            {stepsProblem.message}
          </p>
        ) : null}
        {draft.steps.map((step, index) => (
          <StepFields key={step.uid} index={index} step={step} problem={problem} onChange={(s) => setStep(index, s)} onRemove={() => removeStep(index)} />
        ))}
        <button type="button" id="playbook-add-step" className="button button--secondary" onClick={addStep}>
          Add step
        </button>
      </fieldset>
      <div className="playbook-form__buttons">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : playbook ? 'Save as new version' : 'Create playbook'}
        </button>
      </div>
    </form>
  );
}
