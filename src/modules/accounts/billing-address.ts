/**
 * The postal address kept in an account's billing details (`billing.address`, as the account form
 * writes it: street, postal code, city, country) on one line, or null when none is kept. A card or
 * a parcel for the account goes there when the contact has no address of their own.
 */
export function billingAddressLine(billing: unknown): string | null {
  const address = billing && typeof billing === 'object' && 'address' in billing ? billing.address : null;
  if (!address || typeof address !== 'object' || Array.isArray(address)) return null;
  const part = (key: string) => {
    const value = (address as Record<string, unknown>)[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const lines = [part('street'), [part('postal_code'), part('city')].filter(Boolean).join(' '), part('country')].filter(Boolean);
  return lines.length > 0 ? lines.join(', ') : null;
}
