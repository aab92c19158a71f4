import type { Lifecycle } from '../src/platform/db-schema.ts';
import { DAY_MS } from '../src/platform/clock.ts';
import { accountIdFromExternalId } from '../src/modules/accounts/index.ts';
import { textArray } from './bulk-insert.ts';
import { productCategories, type Product } from './catalog.ts';
import { type Address, companyName, jobTitle, locality, personName, phoneNumber, postalLines, slug } from './names.ts';
import type { IdSource, Random } from './random.ts';
import type { Rhythm } from './rhythm.ts';
import type { Writers } from './tables.ts';

/** What every row builder needs: the as-of instant, the id source, the writers and who can own what. */
export type GenerationContext = {
  asOfMs: number;
  ids: IdSource;
  writers: Writers;
  products: readonly Product[];
  productsByCategory: ReadonlyMap<string, readonly Product[]>;
  salesUserIds: readonly string[];
  serviceUserIds: readonly string[];
  rhythmMix: Readonly<Record<Rhythm, number>>;
  orderScale: number;
  touchesPerAccount: number;
};

export type PlannedContact = { id: string; name: string; email: string; phone: string | null; title: string | null };

export type AccountPlan = {
  id: string;
  externalId: string;
  kind: 'company' | 'person';
  name: string;
  rhythm: Rhythm;
  ownerId: string;
  serviceOwnerId: string;
  contacts: PlannedContact[];
  interests: string[];
  address: Address;
  billing: Record<string, string>;
};

export const iso = (ms: number) => new Date(ms).toISOString();
export const daysAgo = (ctx: GenerationContext, days: number) => ctx.asOfMs - days * DAY_MS;

/**
 * A day `days` ahead on which people work: a step someone planned by hand lands on a weekday, as
 * people plan them, so the team's weekends stay free on Team load (Saturday and Sunday move to Monday).
 */
export function weekdayAhead(ctx: GenerationContext, days: number): number {
  const ms = ctx.asOfMs + days * DAY_MS;
  const weekday = new Date(ms).getUTCDay();
  return weekday === 6 ? ms + 2 * DAY_MS : weekday === 0 ? ms + DAY_MS : ms;
}

/** What every generated account's external id starts with. */
export const generatedExternalIdPrefix = 'demo-';

/** The marker the demo loader looks for: account 0 of every generated business. */
export function externalIdFor(index: number): string {
  return `${generatedExternalIdPrefix}${String(index).padStart(6, '0')}`;
}

const accountTags = {
  company: ['wholesale', 'retail', 'key-account', 'trade-show', 'referral', 'public-sector', 'framework-contract'],
  person: ['webshop', 'vip', 'referral', 'trade-show', 'newsletter'],
};

export function planAccount(ctx: GenerationContext, rng: Random, index: number): AccountPlan {
  const kind = rng.chance(0.65) ? 'company' : 'person';
  const place = locality(rng);
  const head = personName(rng);
  const name = kind === 'company' ? companyName(rng, place) : head.name;
  const domain = kind === 'company' ? `${slug(name)}.example` : 'mail.example';
  const people = kind === 'company' ? [head, ...Array.from({ length: rng.int(0, 2) }, () => personName(rng))] : [head];
  const seen = new Set<string>();
  const contacts = people.map((person, i): PlannedContact => {
    // Person accounts share one mail domain, so the account number keeps their addresses apart.
    let local = kind === 'company' ? `${slug(person.first)}.${slug(person.last)}` : `${slug(person.first)}.${slug(person.last)}${index}`;
    if (seen.has(local)) local = `${local}${i + 1}`;
    seen.add(local);
    return {
      id: ctx.ids.next(),
      name: person.name,
      email: `${local}@${domain}`,
      phone: rng.chance(0.8) ? phoneNumber(rng, place) : null,
      title: kind === 'company' ? jobTitle(rng) : null,
    };
  });
  const billing: Record<string, string> = { name, ...place.address };
  if (kind === 'company' && rng.chance(0.7)) billing.vat_id = `${place.address.country}${rng.int(100000000, 999999999)}`;
  return {
    // The id every writer gives an account another system names, so loading the demo twice collides on it, on Citus too.
    id: accountIdFromExternalId(externalIdFor(index)),
    externalId: externalIdFor(index),
    kind,
    name,
    rhythm: rng.weighted(ctx.rhythmMix),
    ownerId: rng.pick(ctx.salesUserIds),
    serviceOwnerId: rng.pick(ctx.serviceUserIds),
    contacts,
    interests: rng.sample(productCategories, rng.int(1, 3)),
    address: place.address,
    billing,
  };
}

/** Writes the account and its contacts once the history is known: lifecycle and creation date follow from it. */
export function writeAccount(
  ctx: GenerationContext,
  rng: Random,
  plan: AccountPlan,
  facts: { lifecycle: Lifecycle; createdMs: number; updatedMs: number },
): void {
  ctx.writers.accounts.add({
    id: plan.id,
    external_id: plan.externalId,
    name: plan.name,
    kind: plan.kind,
    lifecycle: facts.lifecycle,
    owner_id: plan.ownerId,
    service_owner_id: plan.serviceOwnerId,
    tags: textArray(rng.sample(accountTags[plan.kind], rng.int(0, 3))),
    interests: textArray(plan.interests),
    billing: facts.lifecycle === 'prospect' ? null : JSON.stringify(plan.billing),
    preferences: JSON.stringify({ channel: rng.pick(['email', 'phone', 'post']), language: rng.pick(['en', 'de', 'fr']) }),
    created_at: iso(facts.createdMs),
    updated_at: iso(facts.updatedMs),
  });
  const postal = postalLines(plan.address);
  plan.contacts.forEach((contact, i) => {
    const createdMs = facts.createdMs + i * rng.between(0, 30) * DAY_MS;
    const consent = rng.chance(0.45);
    const unsubscribed = consent && rng.chance(0.08);
    const consentMs = createdMs + rng.between(0, 20) * DAY_MS;
    ctx.writers.contacts.add({
      account_id: plan.id,
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      title: contact.title,
      postal_address: rng.chance(0.85) ? postal : null,
      // An unsubscribe withdraws consent; the date is kept as proof of when it happened.
      newsletter_consent: consent && !unsubscribed,
      consent_at: consent ? iso(Math.min(consentMs, ctx.asOfMs)) : null,
      unsubscribed_at: unsubscribed ? iso(Math.min(consentMs + rng.between(30, 300) * DAY_MS, ctx.asOfMs)) : null,
      created_at: iso(Math.min(createdMs, ctx.asOfMs)),
    });
  });
}
