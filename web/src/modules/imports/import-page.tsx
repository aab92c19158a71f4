import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { canImport, managersOnly } from '../auth/permissions.ts';
import { ColumnMapping, defaultMapping } from './column-mapping.tsx';
import { ImportProgress, ImportReport } from './import-report.tsx';
import { type ImportKind, type ImportRecord, importKinds, readHeader, uploadImport, useImportFormats, useImports } from './imports.api.ts';
import './imports.css';
import { PageHeader } from '../../ui/page-header.tsx';

export function ImportPage() {
  const user = useSignedInUser();
  if (!canImport(user.role)) {
    return (
      <>
        <title>Import · Afterclose</title>
        <h1>Import</h1>
        <p className="status">{managersOnly.import} Ask a manager to import your file.</p>
      </>
    );
  }
  return <ImportForm />;
}

function ImportForm() {
  const formats = useImportFormats();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('accounts');
  const [preset, setPreset] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [startPlaybooks, setStartPlaybooks] = useState(true);
  const [createCustomers, setCreateCustomers] = useState(false);
  const upload = useMutation({ mutationFn: uploadImport, onSettled: () => queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }) });
  const imports = useImports(upload.isPending);
  const running = imports.data?.items.find((i) => i.status === 'running');
  const presets = Object.entries(formats.data?.presets ?? {}).filter(([, p]) => p.kind === kind);

  const remap = (nextKind: ImportKind, nextPreset: string, nextHeader: string[]) => {
    if (formats.data) setMapping(defaultMapping(formats.data, nextKind, nextPreset, nextHeader));
  };
  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    const names = chosen ? await readHeader(chosen) : [];
    setHeader(names);
    remap(kind, preset, names);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate({ kind, preset, map: mapping, file, startPlaybooks, createCustomers });
  };

  if (formats.isPending) return <Loading>Loading import formats…</Loading>;
  if (formats.isError) return <ErrorMessage error={formats.error} title="Could not load the import formats." />;
  return (
    <>
      <title>Import · Afterclose</title>
      <PageHeader title="Import" description="Bring accounts, contacts, products and orders in from a CSV file. Importing the same file again updates, never duplicates." />
      <form className="card import-form" onSubmit={submit}>
        <div className="import-form__row">
          <div className="field">
            <label htmlFor="import-kind">What to import</label>
            <select id="import-kind" className="input" value={kind} onChange={(e) => { const k = e.target.value as ImportKind; setKind(k); setPreset(''); remap(k, '', header); }}>
              {importKinds.map((k) => <option key={k} value={k}>{k[0]?.toUpperCase() + k.slice(1)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="import-preset">File format</label>
            <select id="import-preset" className="input" value={preset} onChange={(e) => { setPreset(e.target.value); remap(kind, e.target.value, header); }}>
              <option value="">Afterclose columns</option>
              {presets.map(([name, p]) => <option key={name} value={name}>{p.label}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" className="input" type="file" accept=".csv,text/csv" onChange={(e) => chooseFile(e.target.files?.[0] ?? null)} />
          </div>
        </div>
        {kind === 'orders' ? (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={startPlaybooks} onChange={(e) => setStartPlaybooks(e.target.checked)} /> Start the after-sale playbooks for orders
              of the last 30 days (older orders never start them)
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={createCustomers} onChange={(e) => setCreateCustomers(e.target.checked)} /> Create an account for each customer id
              that is not imported yet (otherwise its orders fail)
            </label>
          </>
        ) : null}
        {header.length > 0 ? <ColumnMapping formats={formats.data} kind={kind} header={header} mapping={mapping} onChange={setMapping} /> : null}
        <button type="submit" className="button" disabled={!file || upload.isPending}>
          {upload.isPending ? 'Importing…' : 'Import'}
        </button>
      </form>
      <div aria-live="polite">
        {running ? <ImportProgress record={running} /> : null}
        {upload.isError ? <ErrorMessage error={upload.error} title="The import was refused." /> : null}
        {upload.data ? <ImportReport record={upload.data} /> : null}
      </div>
      <RecentImports items={(imports.data?.items ?? []).filter((i) => i.status !== 'running' && i.id !== upload.data?.id)} />
    </>
  );
}

function RecentImports({ items }: { items: ImportRecord[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports">
      <h2 id="recent-imports">Earlier imports</h2>
      {items.slice(0, 5).map((record) => <ImportReport key={record.id} record={record} />)}
    </section>
  );
}
