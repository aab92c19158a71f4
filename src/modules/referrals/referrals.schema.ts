import { z } from 'zod';
import { pageQuery } from '../../platform/paging.ts';

export const referralStatuses = ['new', 'contacted', 'deal', 'won', 'lost'] as const;

/** How long a referral form link works. */
export const referralLinkDays = 60;

/** The public form has this many person blocks; empty ones are ignored. */
export const referralFormRows = 3;

export const referredPerson = z.object({
  name: z.string().trim().min(1, 'Please give a name').max(200),
  email: z.string().trim().email('Please check the email address').max(254),
  company: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ReferredPerson = z.infer<typeof referredPerson>;

/** The index of the first person whose email (in any capitals) an earlier person already has, or -1. */
function repeatedEmailAt(people: readonly { email: string }[]): number {
  const seen = new Set<string>();
  return people.findIndex(({ email }) => seen.size === seen.add(email.toLowerCase()).size);
}

export const createReferralsBody = z.object({
  account_id: z.string().uuid(),
  contact_id: z.string().uuid().optional(),
  // One person twice would become two prospects, two deals and two calls about the same person.
  people: z.array(referredPerson).min(1).max(20).superRefine((people, ctx) => {
    const at = repeatedEmailAt(people);
    if (at >= 0) ctx.addIssue({ code: 'custom', path: [at, 'email'], message: 'is the email of a person earlier in the list' });
  }),
});
export type CreateReferralsInput = z.infer<typeof createReferralsBody>;

export const updateReferralBody = z.object({ status: z.enum(['contacted', 'deal', 'lost']) });
/** The statuses a person may move a referral to by hand; won comes only from the deal. */
export type UpdateReferralInput = z.infer<typeof updateReferralBody>;

export const listReferralsQuery = pageQuery.extend({
  account_id: z.string().uuid().optional(),
  status: z.enum(referralStatuses).optional(),
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

export type FormPerson = { name: string; email: string; company: string; note: string };

/** Reads the person blocks of the public form (name_1, email_1 …); a block left blank is skipped. */
export function readReferralForm(body: unknown): { rows: FormPerson[]; people: ReferredPerson[]; error: string | null } {
  const fields = z.record(z.string(), z.string()).catch({}).parse(body);
  const rows = Array.from({ length: referralFormRows }, (_, i) => ({
    name: fields[`name_${i + 1}`] ?? '',
    email: fields[`email_${i + 1}`] ?? '',
    company: fields[`company_${i + 1}`] ?? '',
    note: fields[`note_${i + 1}`] ?? '',
  }));
  const filled = rows.filter((r) => Object.values(r).some((v) => v.trim() !== ''));
  if (filled.length === 0) return { rows, people: [], error: 'Please tell us about at least one person' };
  const people: ReferredPerson[] = [];
  for (const row of filled) {
    const parsed = referredPerson.safeParse({ ...row, company: row.company || undefined, note: row.note || undefined });
    if (!parsed.success) return { rows, people: [], error: `Person ${rows.indexOf(row) + 1}: ${parsed.error.issues[0]?.message ?? 'please check the details'}` };
    people.push(parsed.data);
    if (repeatedEmailAt(people) >= 0) return { rows, people: [], error: `Person ${rows.indexOf(row) + 1}: this email is already given for someone above` };
  }
  return { rows, people, error: null };
}
