import { ErrorMessage } from '../../ui/status.tsx';
import { useProfile, useUpdateProfile } from './me.api.ts';

export function DigestToggle() {
  const profile = useProfile();
  const update = useUpdateProfile();
  if (!profile.isSuccess) return null;
  // Show the choice at once; the saved profile takes over when the server answers.
  const checked = update.isPending ? update.variables.digest_enabled === true : profile.data.digest_enabled;
  return (
    <div className="digest-toggle">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby="digest-hint"
          onChange={(event) => update.mutate({ digest_enabled: event.target.checked })}
        />
        Daily digest email
      </label>
      <p id="digest-hint" className="muted digest-toggle__hint">
        Each morning, an email with what is overdue and due today.
      </p>
      {update.isError ? <ErrorMessage error={update.error} title="Could not save." /> : null}
    </div>
  );
}
