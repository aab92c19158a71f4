import { useMemo } from 'react';
import { knownTimeZones } from '../../ui/time-zone.ts';

type Props = { id: string; value: string; onChange: (zone: string) => void; invalid: boolean };

/** A text field that suggests every IANA zone as you type ("Amst" finds Europe/Amsterdam). */
export function TimeZoneField({ id, value, onChange, invalid }: Props) {
  const zones = useMemo(knownTimeZones, []);
  return (
    <>
      <input
        id={id}
        className="input"
        list={`${id}-zones`}
        value={value}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-zones`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id={`${id}-hint`} className={invalid ? 'field__error' : 'muted field__hint'}>
        {invalid ? 'Pick a zone from the list, such as Europe/Amsterdam.' : 'Type a city or region to search, such as Amsterdam or New York.'}
      </p>
    </>
  );
}

export const isKnownTimeZone = (zone: string): boolean => knownTimeZones().includes(zone);
