import type { ImportFormats, ImportKind } from './imports.api.ts';

const normalize = (name: string) => name.trim().toLowerCase().replace(/[\s_-]+/g, '_');

/** The header a field is read from when the user changes nothing: the preset's, else its own name. */
export function defaultMapping(formats: ImportFormats, kind: ImportKind, preset: string, header: string[]): Record<string, string> {
  const { required, optional } = formats.fields[kind];
  const presetColumns = preset ? (formats.presets[preset]?.columns ?? {}) : {};
  const mapping: Record<string, string> = {};
  for (const field of [...required, ...optional]) {
    const wanted = normalize(presetColumns[field] ?? (preset ? '' : field));
    const match = header.find((h) => normalize(h) === wanted);
    if (match) mapping[field] = match;
  }
  return mapping;
}

type Props = { formats: ImportFormats; kind: ImportKind; header: string[]; mapping: Record<string, string>; onChange(mapping: Record<string, string>): void };

/** One select per field: which column of the file holds it. Required fields are marked. */
export function ColumnMapping({ formats, kind, header, mapping, onChange }: Props) {
  const { required, optional } = formats.fields[kind];
  return (
    <fieldset className="card import-mapping">
      <legend>Columns</legend>
      <p className="import-mapping__hint">Choose the column of your file that holds each field. Fields marked * are required.</p>
      <div className="import-mapping__grid">
        {[...required, ...optional].map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`map-${field}`}>
              {field}
              {required.includes(field) ? ' *' : ''}
            </label>
            <select
              id={`map-${field}`}
              className="input"
              value={mapping[field] ?? ''}
              onChange={(e) => {
                const next = { ...mapping };
                if (e.target.value) next[field] = e.target.value;
                else delete next[field];
                onChange(next);
              }}
            >
              <option value="">(not in the file)</option>
              {header.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
