import { type KeyboardEvent, useState } from 'react';

type TagInputProps = {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
};

/**
 * Chips with a remove button each, and a text box that adds one on Enter or comma. Pasted or
 * autofilled text with commas ("vip, wholesale") becomes one chip per tag.
 */
export function TagInput({ id, label, values, onChange }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const added = draft.split(',').map((value) => value.trim()).filter((value, index, all) => value && !values.includes(value) && all.indexOf(value) === index);
    if (added.length > 0) onChange([...values, ...added]);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="chips">
        {values.map((value) => (
          <span key={value} className="chip">
            {value}
            <button type="button" className="chip__remove" aria-label={`Remove ${value}`} onClick={() => onChange(values.filter((v) => v !== value))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="chips__input"
          value={draft}
          maxLength={60}
          placeholder="Type and press Enter"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      </div>
    </div>
  );
}
