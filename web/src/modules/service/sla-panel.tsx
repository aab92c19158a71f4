import { type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { canManageService, type Sla, severityLabels, useSlas, useUpdateSla } from './service.api.ts';

const MAX_HOURS = 8760;

const hours = (value: number) => (value === 1 ? '1 hour' : `${value} hours`);

function readHours(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_HOURS ? n : null;
}

/** One severity's row; its inputs belong to the form in the last cell (the `form` attribute keeps the table valid). */
function EditableSlaRow({ sla }: { sla: Sla }) {
  const update = useUpdateSla();
  const [firstResponse, setFirstResponse] = useState(String(sla.first_response_hours));
  const [resolution, setResolution] = useState(String(sla.resolution_hours));
  const [problem, setProblem] = useState('');
  const formId = `sla-form-${sla.severity}`;
  const label = severityLabels[sla.severity];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = readHours(firstResponse);
    const resolve = readHours(resolution);
    if (first === null || resolve === null) return setProblem(`Use whole hours from 1 to ${MAX_HOURS}.`);
    if (resolve < first) return setProblem('Resolution cannot be due before the first response.');
    setProblem('');
    update.mutate({ severity: sla.severity, first_response_hours: first, resolution_hours: resolve });
  };

  const input = (value: string, onChange: (v: string) => void, what: string) => (
    <input
      form={formId}
      className="input sla-input"
      type="number"
      inputMode="numeric"
      min={1}
      max={MAX_HOURS}
      step={1}
      required
      aria-label={`${label}: ${what} (hours)`}
      aria-invalid={problem !== '' || undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <tr data-testid="sla-row">
      <th scope="row">{label}</th>
      <td>{input(firstResponse, setFirstResponse, 'first response within')}</td>
      <td>{input(resolution, setResolution, 'resolve within')}</td>
      <td>
        <form id={formId} onSubmit={submit} className="inline-form">
          <button type="submit" className="button button--secondary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
            <span className="sr-only">{` ${label} SLA`}</span>
          </button>
        </form>
        {problem ? <p className="field-error" role="alert">{problem}</p> : null}
        {update.isError ? <ErrorMessage error={update.error} title="Not saved." /> : null}
        <p role="status" className="success-note">
          {update.isSuccess ? `Saved: ${hours(update.data.first_response_hours)} to first response, ${hours(update.data.resolution_hours)} to resolve.` : ''}
        </p>
      </td>
    </tr>
  );
}

/** How fast each severity must be answered and solved; leads edit it, everyone can read it. */
export function SlaPanel() {
  const user = useSignedInUser();
  const slas = useSlas();
  const editable = canManageService(user.role);
  return (
    <section className="card panel" aria-labelledby="sla-heading">
      <h2 id="sla-heading">Service levels</h2>
      <p className="muted">{editable ? 'Changes apply to issues opened from now on; open issues keep their deadlines.' : 'Managers and admins can change these.'}</p>
      {slas.isPending ? <Loading>Loading service levels…</Loading> : null}
      {slas.isError ? <ErrorMessage error={slas.error} title="Could not load service levels." /> : null}
      {slas.isSuccess ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="sla-table">
            <caption className="sr-only">Service levels per severity, in calendar hours from when the issue was opened</caption>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">First response within</th>
                <th scope="col">Resolve within</th>
                {editable ? <th scope="col">Change</th> : null}
              </tr>
            </thead>
            <tbody>
              {slas.data.map((sla) =>
                editable ? (
                  <EditableSlaRow key={sla.severity} sla={sla} />
                ) : (
                  <tr key={sla.severity} data-testid="sla-row">
                    <th scope="row">{severityLabels[sla.severity]}</th>
                    <td>{hours(sla.first_response_hours)}</td>
                    <td>{hours(sla.resolution_hours)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
