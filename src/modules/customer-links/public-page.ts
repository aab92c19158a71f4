export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The 0–10 scale sits on one row from about 560 px wide and wraps onto two rows on a phone.
const styles = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.5rem;line-height:1.25}fieldset{border:0;padding:0;margin:0 0 1.25rem}legend{font-weight:600;margin-bottom:.5rem}
.scale{display:grid;grid-template-columns:repeat(auto-fit,minmax(2.6rem,1fr));gap:.4rem}.scale label{box-sizing:border-box;display:flex;flex-direction:column;align-items:center;padding:.4rem .2rem;border:1px solid #64748b;border-radius:.4rem;cursor:pointer}
.scale input{width:1.2rem;height:1.2rem;margin:0 0 .2rem}.ends{display:flex;justify-content:space-between;font-size:.9rem;color:#475569;margin-top:.3rem}
label{font-weight:600}.field{display:flex;flex-direction:column;gap:.3rem;margin-bottom:1rem}
input[type=text],input[type=email],textarea{font:inherit;padding:.5rem;border:1px solid #64748b;border-radius:.4rem;width:100%;box-sizing:border-box}
.person{border:1px solid #cbd5e1;border-radius:.5rem;padding:1rem;margin-bottom:1rem}.person legend{padding:0 .3rem}
.hint{font-weight:400;color:#475569;font-size:.9rem}.error{color:#991b1b;background:#fee2e2;border:1px solid #fca5a5;border-radius:.4rem;padding:.6rem .8rem;margin-bottom:1rem}
button{font:inherit;font-weight:600;padding:.7rem 1.4rem;background:#1d4ed8;color:#fff;border:0;border-radius:.4rem;cursor:pointer}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.brand{display:flex;align-items:center;gap:.75rem;padding-bottom:1rem;margin-bottom:1.5rem;border-bottom:1px solid #e2e8f0;font-weight:600;font-size:1.1rem}
.brand img{max-height:3rem;max-width:10rem;object-fit:contain}`;

/** Who the customer is dealing with, from the company settings: the name and logo atop every public page. */
export type PageBrand = { name: string; logoUrl: string | null };

function brandHeader(brand: PageBrand | undefined): string {
  if (!brand?.name && !brand?.logoUrl) return '';
  // With a name beside it the logo is decoration; alone, it names the business.
  const logo = brand.logoUrl ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${brand.name ? '' : 'Logo'}">` : '';
  return `<header class="brand">${logo}${brand.name ? `<span>${escapeHtml(brand.name)}</span>` : ''}</header>`;
}

/** The shell of the public pages customers reach from an email: no JavaScript, readable on a phone. */
export function publicPage(title: string, body: string, brand?: PageBrand): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${styles}</style>
</head><body>${brandHeader(brand)}<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The page for a link that is forged, unknown or out of date: it says what to do and nothing else. */
export function badLinkPage(reason: 'invalid' | 'expired', what: string, brand?: PageBrand): string {
  return reason === 'expired'
    ? publicPage('This link has expired', `<p>The link to ${escapeHtml(what)} is no longer valid. Nothing was recorded. If you still want to reach us, simply reply to our email.</p>`, brand)
    : publicPage('This link is not valid', `<p>We could not find ${escapeHtml(what)} for this link. Nothing was recorded. Please use the link exactly as it appears in our email.</p>`, brand);
}
