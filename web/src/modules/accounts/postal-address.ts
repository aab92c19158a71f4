import type { Account } from './accounts.api.ts';

/** An account's postal address lives in its billing details (`billing.address`), which orders also remember. */
export type PostalAddress = { street: string; postal_code: string; city: string; country: string };

export const emptyAddress: PostalAddress = { street: '', postal_code: '', city: '', country: '' };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function addressOf(billing: Account['billing']): PostalAddress {
  const address = billing && typeof billing === 'object' && 'address' in billing ? billing.address : null;
  if (!address || typeof address !== 'object' || Array.isArray(address)) return emptyAddress;
  const fields = address as Record<string, unknown>;
  return { street: text(fields.street), postal_code: text(fields.postal_code), city: text(fields.city), country: text(fields.country) };
}

/** The billing details with the address replaced, keeping whatever else orders remembered there. */
export function withAddress(billing: Account['billing'], address: PostalAddress): Record<string, unknown> | null {
  const rest = billing && typeof billing === 'object' && !Array.isArray(billing) ? { ...(billing as Record<string, unknown>) } : {};
  const filled = Object.values(address).some((v) => v.trim() !== '');
  if (filled) rest.address = Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v.trim()]));
  else delete rest.address;
  return Object.keys(rest).length > 0 ? rest : null;
}

export function formatAddress(address: PostalAddress): string | null {
  const lines = [address.street, [address.postal_code, address.city].filter(Boolean).join(' '), address.country].filter((l) => l.trim());
  return lines.length > 0 ? lines.join(', ') : null;
}
