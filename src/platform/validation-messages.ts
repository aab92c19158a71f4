import { z } from 'zod';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const plural = (n: number | bigint, word: string) => `${n} ${word}${Number(n) === 1 ? '' : 's'}`;

/** zod's type names as a sentence says them: "must be a whole number", not "must be a int". */
const typeInWords: Partial<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a list',
  date: 'a date',
};

/**
 * Validation messages a person can act on ("must not be empty", "must be at most 200 characters")
 * instead of zod's own ("Too small: expected string to have >=1 characters"). Schemas that say
 * something more specific keep their own message.
 */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${typeInWords[issue.expected] ?? `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${plural(issue.minimum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(issue.minimum, 'item')}`;
      // positive() is "more than 0": "at least 0" would invite the 0 it refuses.
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${plural(issue.maximum, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `takes at most ${plural(issue.maximum, 'item')}`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'must be an email address';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'must be an id (a UUID)';
      if (issue.format === 'url') return 'must be a web address (https://…)';
      if (issue.format === 'datetime' || issue.format === 'date') return 'must be a date (YYYY-MM-DD or ISO 8601)';
      return undefined;
    case 'invalid_value':
      return issue.input === undefined ? 'is required' : `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      // A discriminated union told apart by one field ("action"): name the values that field takes.
      return 'options' in issue && Array.isArray(issue.options) ? `must be one of: ${issue.options.map(String).join(', ')}` : undefined;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

/** `next_step.due_at` → "Next step › due at": a field named in words, for people reading the message. */
export function fieldInWords(path: string): string {
  const words = path.split('.').map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part.replaceAll('_', ' '))).join(' › ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Name must not be empty", or "Steps: a playbook needs at least one step" for a schema's own words. */
export function validationMessage(field: string, message: string): string {
  return /^(is|must|needs|takes|has) /.test(message) ? `${fieldInWords(field)} ${message}` : `${fieldInWords(field)}: ${message}`;
}

z.config({ customError: plainMessage });
