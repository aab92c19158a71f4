import type { UnsubscribeResult } from './unsubscribe.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
button{font:inherit;padding:.6rem 1.2rem;background:#1d4ed8;color:#fff;border:0;border-radius:.4rem;cursor:pointer}button:focus{outline:3px solid #f59e0b}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The public unsubscribe page: no JavaScript, and it reveals nothing but the address the link was for. */
export function unsubscribePage(token: string, result: UnsubscribeResult, confirmed: boolean): string {
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
