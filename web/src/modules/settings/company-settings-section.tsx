import type { LogoType } from '../../../../src/modules/company/index.ts';
import { everyServerValue } from '../../server-values.ts';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ApiError } from '../../api.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { canEditCompanySettings } from '../auth/permissions.ts';
import { type CompanySettings, type CompanySettingsChange, useCompanySettings, useEditCompanySettings } from './company.api.ts';
import './settings.css';

const maxLogoBytes = 200 * 1024;
const logoTypes = everyServerValue<LogoType>()(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
const isLogoType = (type: string): type is LogoType => (logoTypes as readonly string[]).includes(type);

/** The business behind the emails and public pages: everyone sees it, managers and admins change it. */
export function CompanySettingsSection() {
  const settings = useCompanySettings();
  const user = useSignedInUser();
  return (
    <section className="card company-settings" aria-labelledby="company-settings">
      <h2 id="company-settings">Company</h2>
      <p className="muted">Customers see the business name and logo on survey and referral pages; emails go out under the name and are signed with it.</p>
      {settings.isPending ? <Loading>Loading company settings…</Loading> : null}
      {settings.isError ? <ErrorMessage error={settings.error} /> : null}
      {settings.data ? (
        canEditCompanySettings(user.role) ? <CompanyForm settings={settings.data} /> : <CompanySummary settings={settings.data} />
      ) : null}
    </section>
  );
}

function CompanySummary({ settings }: { settings: CompanySettings }) {
  return (
    <>
      <dl className="company-settings__summary">
        <dt>Business name</dt>
        <dd>{settings.business_name || 'Not set'}</dd>
        <dt>Replies go to</dt>
        <dd>{settings.reply_to ?? 'The account owner'}</dd>
        <dt>Default currency</dt>
        <dd>{settings.default_currency}</dd>
        <dt>Logo</dt>
        <dd>{settings.logo_url ? <img className="company-settings__logo" src={settings.logo_url} alt="Company logo" /> : 'None'}</dd>
      </dl>
      <p className="muted">Only managers and admins can change these.</p>
    </>
  );
}

type Draft = { business_name: string; reply_to: string; default_currency: string; logo_url: string };

function CompanyForm({ settings }: { settings: CompanySettings }) {
  const edit = useEditCompanySettings();
  const [draft, setDraft] = useState<Draft>({
    business_name: settings.business_name,
    reply_to: settings.reply_to ?? '',
    default_currency: settings.default_currency,
    logo_url: settings.logo_source === 'url' ? (settings.logo_url ?? '') : '',
  });
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const failedField = edit.error instanceof ApiError ? edit.error.field?.split('.')[0] : undefined;
  const set = (field: keyof Draft) => (event: ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [field]: event.target.value }));
  };
  const save = (change: CompanySettingsChange) => edit.mutate(change, { onSuccess: () => setSaved(true) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save({
      business_name: draft.business_name,
      reply_to: draft.reply_to.trim() || null,
      default_currency: draft.default_currency,
      ...(settings.logo_source !== 'upload' || draft.logo_url.trim() ? { logo_url: draft.logo_url.trim() || null } : {}),
    });
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!isLogoType(file.type)) return setFileProblem('Choose a PNG, JPEG, WebP or GIF image.');
    if (file.size > maxLogoBytes) return setFileProblem(`The image is ${Math.ceil(file.size / 1024)} KB; the logo may be at most 200 KB.`);
    setFileProblem(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    setDraft((d) => ({ ...d, logo_url: '' }));
    save({ logo_upload: { type: file.type, data_base64: btoa(binary) } });
  };
  const invalid = (field: string) => (failedField === field ? { 'aria-invalid': true, 'aria-describedby': 'company-error' } : {});
  return (
    <form className="company-settings__form" onSubmit={submit} noValidate>
      <div className="company-settings__grid">
        <div className="field">
          <label htmlFor="company-name">Business name</label>
          <input id="company-name" className="input" value={draft.business_name} onChange={set('business_name')} maxLength={120} autoComplete="organization" {...invalid('business_name')} />
        </div>
        <div className="field">
          <label htmlFor="company-reply-to">
            Reply-to address <span className="muted">(when an email has no account owner to answer)</span>
          </label>
          <input id="company-reply-to" className="input" type="email" value={draft.reply_to} onChange={set('reply_to')} placeholder="hello@example.com" {...invalid('reply_to')} />
        </div>
        <div className="field">
          <label htmlFor="company-currency">
            Default currency <span className="muted">(three letters, such as EUR)</span>
          </label>
          <input id="company-currency" className="input company-settings__currency" value={draft.default_currency} onChange={set('default_currency')} maxLength={3} autoCapitalize="characters" {...invalid('default_currency')} />
        </div>
        <div className="field">
          <label htmlFor="company-logo-url">
            Logo address <span className="muted">(https://…, or upload an image below)</span>
          </label>
          <input id="company-logo-url" className="input" type="url" value={draft.logo_url} onChange={set('logo_url')} placeholder={settings.logo_source === 'upload' ? 'An uploaded image is in use' : 'https://'} {...invalid('logo_url')} />
        </div>
      </div>
      <div className="company-settings__logo-row">
        {settings.logo_url ? <img className="company-settings__logo" src={settings.logo_url} alt="Current logo" /> : <span className="muted">No logo yet.</span>}
        <label className="button button--secondary company-settings__upload">
          Upload logo
          <input type="file" className="sr-only" accept={logoTypes.join(',')} onChange={upload} {...invalid('logo_upload')} />
        </label>
        {settings.logo_url ? (
          <button type="button" className="button button--secondary" disabled={edit.isPending} onClick={() => { setDraft((d) => ({ ...d, logo_url: '' })); save({ logo_url: null, logo_upload: null }); }}>
            Remove logo
          </button>
        ) : null}
        <span className="muted">PNG, JPEG, WebP or GIF, up to 200 KB.</span>
      </div>
      {fileProblem ? (
        <p className="status status--error" role="alert">
          {fileProblem}
        </p>
      ) : null}
      {edit.isError ? (
        <div id="company-error">
          <ErrorMessage error={edit.error} title="The company settings were not saved" />
        </div>
      ) : null}
      <div className="company-settings__actions">
        <button type="submit" className="button" disabled={edit.isPending}>
          {edit.isPending ? 'Saving…' : 'Save company settings'}
        </button>
        {saved && !edit.isPending ? (
          <p role="status" className="company-settings__saved">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
