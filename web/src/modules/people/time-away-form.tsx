import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { type Profile, useTeam, useUpdateProfile } from '../me/me.api.ts';

/** Saying when you are away hands the work due then to your backup, or to a colleague of your role. */
export function TimeAwayForm({ profile }: { profile: Profile }) {
  const update = useUpdateProfile();
  const team = useTeam();
  const [from, setFrom] = useState(profile.away_from ?? '');
  const [until, setUntil] = useState(profile.away_until ?? '');
  const [backupId, setBackupId] = useState(profile.away_backup_id ?? '');
  const [saved, setSaved] = useState('');
  const colleagues = (team.data ?? []).filter((member) => member.active && member.id !== profile.id);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const away = from && until ? { away_from: from, away_until: until, away_backup_id: backupId || null } : { away_from: null, away_until: null, away_backup_id: null };
    update.mutate(away, { onSuccess: () => setSaved(from && until ? 'Time away saved; the work due then went to who covers for you.' : 'Time away cleared.') });
  };

  return (
    <section className="card people-card" aria-labelledby="time-away-heading" data-testid="time-away">
      <h2 id="time-away-heading">Time away</h2>
      <p className="muted">Your planned work due in these days goes to your backup, or to the colleague of your role with the least work.</p>
      <form className="people-form people-form--grid" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="away-from">First day away</label>
          <input id="away-from" className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required={until !== ''} />
        </div>
        <div className="field">
          <label htmlFor="away-until">Last day away</label>
          <input id="away-until" className="input" type="date" value={until} min={from || undefined} onChange={(e) => setUntil(e.target.value)} required={from !== ''} />
        </div>
        <div className="field">
          <label htmlFor="away-backup">Backup (optional)</label>
          <select id="away-backup" className="input" value={backupId} onChange={(e) => setBackupId(e.target.value)}>
            <option value="">A colleague of my role</option>
            {colleagues.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="people-form__actions">
          <button type="submit" className="button" disabled={update.isPending}>
            Save time away
          </button>
          {saved ? (
            <span className="muted" role="status">
              {saved}
            </span>
          ) : null}
        </div>
        {update.isError ? <ErrorMessage error={update.error} title="Time away not saved." /> : null}
      </form>
    </section>
  );
}
