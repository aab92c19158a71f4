import { type FormEvent, useState } from 'react';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { formatDateTimeInZone, timesInZone, useUserTimeZone } from '../../ui/time-zone.ts';
import { type ApiToken, useApiTokens, useCreateApiToken, useRevokeApiToken } from './people.api.ts';

/** Tokens let scripts and integrations call the API as you; each can be revoked on its own. */
export function ApiTokensPanel() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const timeZone = useUserTimeZone();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  };

  return (
    <section className="card people-card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">A token lets a script or an integration (Zapier, your shop) use Afterclose as you. Revoke one you no longer use.</p>
      <form className="people-form people-form--inline" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="token-name">Name of the new token</label>
          <input id="token-name" className="input" value={name} maxLength={100} placeholder="e.g. Shop integration" onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={create.isPending || !name.trim()}>
          Create token
        </button>
      </form>
      {create.isError ? <ErrorMessage error={create.error} title="Could not create the token." /> : null}
      {create.data ? <NewTokenSecret name={create.data.name} secret={create.data.token} /> : null}
      {tokens.isPending ? <Loading>Loading tokens…</Loading> : null}
      {tokens.isError ? <ErrorMessage error={tokens.error} title="Could not load your tokens." /> : null}
      {tokens.data?.length === 0 ? <EmptyState>You have no API tokens. Create one above when a script needs access.</EmptyState> : null}
      {tokens.data?.length ? (
        <>
        <p id="tokens-zone" className="muted token-list__zone">
          Your tokens · {timesInZone(timeZone)}
        </p>
        <ul className="token-list" data-testid="token-list" aria-describedby="tokens-zone">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} />
          ))}
        </ul>
        </>
      ) : null}
    </section>
  );
}

function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div className="token-secret" data-testid="new-token">
      <label htmlFor="token-secret">Your new token “{name}”: copy it now, it is shown only once</label>
      <div className="token-secret__row">
        <input id="token-secret" className="input" readOnly value={secret} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const revoke = useRevokeApiToken();
  const timeZone = useUserTimeZone();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="token-list__item" data-testid="token-row">
      <div>
        <p className="token-list__name">{token.name}</p>
        <p className="muted">
          Created {formatDateTimeInZone(token.created_at, timeZone)} · {token.last_used_at ? `last used ${formatDateTimeInZone(token.last_used_at, timeZone)}` : 'never used'}
        </p>
      </div>
      {confirming ? (
        <div className="token-list__confirm">
          <span>Scripts using it stop working.</span>
          <button type="button" className="button button--danger button--small" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)}>
            Revoke {token.name}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
          Revoke…
        </button>
      )}
      {revoke.isError ? <ErrorMessage error={revoke.error} title="Could not revoke." /> : null}
    </li>
  );
}
