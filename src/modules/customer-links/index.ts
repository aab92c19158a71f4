/**
 * Customer links: what lets a customer act from an email without signing in — signed, expiring
 * tokens (unsubscribe, survey, referral form), the key that signs them, and the plain public page
 * those links open. Messages, surveys and referrals use these; the pages themselves live with the
 * module that owns what the customer does there.
 */
export { appSecret } from './app-secret.ts';
export { type LinkCheck, type PublicLink, preparePublicLink, readPublicLink, requestLinks, tokenMatches } from './public-links.ts';
export { badLinkPage, escapeHtml, type PageBrand, publicPage } from './public-page.ts';
export { signToken, type TokenCheck, verifyToken } from './signed-tokens.ts';
