import { escapeHtml, type PageBrand, publicPage } from '../customer-links/index.ts';
import type { UnsubscribeResult } from './unsubscribe.ts';

/** The public unsubscribe page: no JavaScript, and it reveals nothing but the address the link was for. */
export function unsubscribePage(token: string, result: UnsubscribeResult, confirmed: boolean, brand?: PageBrand): string {
  const page = (title: string, body: string) => publicPage(title, body, brand);
  switch (result.status) {
    case 'invalid':
      return page('This link is not valid', '<p>Please use the unsubscribe link from the most recent email we sent you.</p>');
    case 'expired':
      return page('This link has expired', '<p>Please use the unsubscribe link from a more recent email.</p>');
    case 'already':
      return page('You are unsubscribed', '<p>You will not receive further emails from us.</p>');
    case 'unsubscribed':
      if (confirmed) return page('You are unsubscribed', `<p>${escapeHtml(result.email ?? 'This address')} will not receive further emails from us.</p>`);
      return page(
        'Unsubscribe?',
        `<p>Stop all emails to ${escapeHtml(result.email ?? 'this address')}?</p><form method="post" action="/u/${escapeHtml(token)}"><button type="submit">Unsubscribe</button></form>`,
      );
  }
}
