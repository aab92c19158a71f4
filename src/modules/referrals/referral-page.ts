import { badLinkPage, escapeHtml, type PageBrand, publicPage as brandedPage } from '../customer-links/index.ts';
import { type FormPerson, referralFormRows } from './referrals.schema.ts';
import type { ReferralSubmitResult } from './submit-referral-form.ts';

const title = 'Is there anyone else who would benefit?';

function personFields(n: number, person: FormPerson | undefined): string {
  const field = (name: keyof FormPerson, label: string, type: string, autocomplete: string) =>
    `<div class="field"><label for="${name}_${n}">${label}</label><input type="${type}" id="${name}_${n}" name="${name}_${n}" autocomplete="${autocomplete}" maxlength="254" value="${escapeHtml(person?.[name] ?? '')}"></div>`;
  return `<fieldset class="person"><legend>Person ${n}${n > 1 ? ' <span class="hint">(optional)</span>' : ''}</legend>
${field('name', 'Name', 'text', 'off')}${field('email', 'Email', 'email', 'off')}${field('company', 'Company <span class="hint">(optional)</span>', 'text', 'off')}
<div class="field"><label for="note_${n}">Anything we should know? <span class="hint">(optional)</span></label><textarea id="note_${n}" name="note_${n}" rows="2" maxlength="2000">${escapeHtml(person?.note ?? '')}</textarea></div></fieldset>`;
}

function referralForm(token: string, rows: FormPerson[], error: string | null): string {
  const errorBlock = error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : '';
  const people = Array.from({ length: referralFormRows }, (_, i) => personFields(i + 1, rows[i])).join('');
  return `<p>Tell us who, and we will get in touch with them personally. We only use these details to contact them about us.</p>${errorBlock}
<form method="post" action="/r/${escapeHtml(token)}">${people}<button type="submit">Send my recommendations</button></form>`;
}

/** The public referral form for every state of its link. */
export function referralPage(token: string, result: ReferralSubmitResult, rows: FormPerson[] = [], brand?: PageBrand): { status: number; html: string } {
  const publicPage = (title: string, body: string) => brandedPage(title, body, brand);
  switch (result.status) {
    case 'invalid':
      return { status: 404, html: badLinkPage('invalid', 'a referral form', brand) };
    case 'expired':
      return { status: 410, html: badLinkPage('expired', 'the referral form', brand) };
    case 'used':
      return { status: 200, html: publicPage('Thank you, we already have your recommendations', '<p>This form has been sent already. If you think of someone else, simply reply to our email.</p>') };
    case 'thanks':
      return { status: 200, html: publicPage('Thank you for your recommendations', `<p>We will get in touch with ${result.count === 1 ? 'them' : `all ${result.count}`} personally. Thank you for your trust.</p>`) };
    case 'form_error':
      return { status: 400, html: publicPage(title, referralForm(token, rows, result.message)) };
    case 'open':
      return { status: 200, html: publicPage(title, referralForm(token, rows, null)) };
  }
}
