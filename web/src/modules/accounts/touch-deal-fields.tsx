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
