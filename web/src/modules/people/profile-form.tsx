import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { timesInZone } from '../../ui/time-zone.ts';
import { roleLabels, currentUserKey } from '../auth/auth.api.ts';
import { DigestToggle } from '../me/digest-toggle.tsx';
import { type Profile, useUpdateProfile } from '../me/me.api.ts';
import { useQueryClient } from '@tanstack/react-query';
import { isKnownTimeZone, TimeZoneField } from './time-zone-field.tsx';

export function ProfileForm({ profile }: { profile: Profile }) {
  const update = useUpdateProfile();
  const queryClient = useQueryClient();
  const [name, setName] = useState(profile.name);
  const [timeZone, setTimeZone] = useState(profile.time_zone);
  const [saved, setSaved] = useState('');
  const zoneInvalid = timeZone !== profile.time_zone && !isKnownTimeZone(timeZone);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (zoneInvalid || !name.trim()) return;
    setSaved('');
    update.mutate(
      { name: name.trim(), time_zone: timeZone },
      {
        onSuccess: () => {
          setSaved('Profile saved.');
          // The name in the header comes from the session's answer.
          return queryClient.invalidateQueries({ queryKey: currentUserKey });
        },
      },
    );
  };

  return (
    <section className="card people-card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your details</h2>
      <p className="muted">
        {profile.email} · {roleLabels[profile.role]}
      </p>
      <form className="people-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" className="input" value={name} required autoComplete="name" aria-invalid={!name.trim()} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="profile-zone">Time zone</label>
          <TimeZoneField id="profile-zone" value={timeZone} onChange={setTimeZone} invalid={zoneInvalid} />
        </div>
        <div className="people-form__actions">
          <button type="submit" className="button" disabled={update.isPending || zoneInvalid || !name.trim()}>
            Save profile
          </button>
          <p role="status" className="muted">
            {saved ? `${saved} ${timesInZone(profile.time_zone)}.` : ''}
          </p>
        </div>
        {update.isError ? <ErrorMessage error={update.error} title="Could not save." /> : null}
      </form>
      <div className="people-card__section">
        <h3>Email</h3>
        <DigestToggle />
      </div>
    </section>
  );
}
