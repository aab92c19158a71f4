import type { ReactNode } from 'react';
import { type FieldProblem, fieldId } from './playbook-draft.ts';

export type InputA11y = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

type PlaybookFieldProps = {
  path: string;
  label: string;
  problem: FieldProblem | null;
  className?: string;
  children: (input: InputA11y) => ReactNode;
};

/** A labelled input that shows the API's message for its own path (e.g. "steps.0.key") beside it. */
export function PlaybookField({ path, label, problem, className = 'field', children }: PlaybookFieldProps) {
  const id = fieldId(path);
  const errorId = `${id}-error`;
  const invalid = problem?.field === path;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children(invalid ? { id, 'aria-invalid': true, 'aria-describedby': errorId } : { id })}
      {invalid ? (
        <p id={errorId} className="field-error">
          {problem.message}
        </p>
      ) : null}
    </div>
  );
}
