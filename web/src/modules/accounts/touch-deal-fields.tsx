import { useState } from 'react';
import type { Deal } from '../deals/deals.api.ts';
import type { Contact } from './accounts.api.ts';

type TouchDealFieldsProps = {
  idPrefix: string;
  deals: Deal[];
  dealId: string;
  onDealChange: (id: string) => void;
  contacts: Contact[];
  contactId: string;
  onContactChange: (id: string) => void;
};

/**
 * The deal a touch is about: the account's one open deal until the person picks another (or none).
 * It follows the deals as they arrive, so a form opened before they have loaded still offers it.
 */
export function useTouchDeal(deals: Deal[]): [string, (id: string) => void] {
  const [picked, setPicked] = useState<string | null>(null);
  const onlyDeal = deals.length === 1 ? (deals[0]?.id ?? '') : '';
  return [picked ?? onlyDeal, setPicked];
}

/** Which open deal and which contact a touch is about: both optional. */
export function TouchDealFields({ idPrefix, deals, dealId, onDealChange, contacts, contactId, onContactChange }: TouchDealFieldsProps) {
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor={`${idPrefix}-deal`}>Deal</label>
        <select id={`${idPrefix}-deal`} className="input" value={dealId} onChange={(e) => onDealChange(e.target.value)}>
          <option value="">Not about an open deal</option>
          {deals.map((deal) => (
            <option key={deal.id} value={deal.id}>
              {deal.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-contact`}>Contact</label>
        <select id={`${idPrefix}-contact`} className="input" value={contactId} onChange={(e) => onContactChange(e.target.value)}>
          <option value="">Nobody in particular</option>
          {contacts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
