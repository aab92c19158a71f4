import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { useProfile } from '../me/me.api.ts';
import { ApiTokensPanel } from './api-tokens-panel.tsx';
import { CapacityCard } from './capacity-card.tsx';
import { PasswordForm } from './password-form.tsx';
import { ProfileForm } from './profile-form.tsx';
import { TimeAwayForm } from './time-away-form.tsx';
import './people.css';

/** What everyone may change about themselves (name, time zone, digest, password, API tokens), and their capacity to read. */
export function ProfilePage() {
  const profile = useProfile();
  return (
    <>
      <title>Your profile · Afterclose</title>
      <div className="page-header">
        <h1>Your profile</h1>
      </div>
      {profile.isPending ? <Loading>Loading your profile…</Loading> : null}
      {profile.isError ? <ErrorMessage error={profile.error} title="Could not load your profile." /> : null}
      {profile.data?.must_change_password ? (
        <p className="status status--error" role="alert" data-testid="choose-password">
          An admin set your first password. Choose your own below to continue.
        </p>
      ) : null}
      {profile.data ? (
        <div className="people-grid">
          <ProfileForm key={profile.data.id} profile={profile.data} />
          <CapacityCard profile={profile.data} />
          <TimeAwayForm key={`away-${profile.data.id}`} profile={profile.data} />
          <PasswordForm />
          <ApiTokensPanel />
        </div>
      ) : null}
    </>
  );
}
