import { useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { useProfile, useUpdateProfile } from './me.api.ts';

export function DigestToggle() {
  const profile = useProfile();
  const update = useUpdateProfile();
  // Local state answers the click at once: a controlled checkbox waiting for the mutation's
  // state to arrive would flip back for a moment. The saved profile takes over when it answers.
  const [choice, setChoice] = useState<boolean | null>(null);
  if (!profile.isSuccess) return null;

  const onChange = (checked: boolean) => {
    setChoice(checked);
    update.mutate({ digest_enabled: checked }, { onSettled: () => setChoice(null) });
  };

  return (
    <div className="digest-toggle">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={choice ?? profile.data.digest_enabled}
          aria-describedby="digest-hint"
          onChange={(event) => onChange(event.target.checked)}
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
