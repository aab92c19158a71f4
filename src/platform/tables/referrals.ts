import type { ColumnType, Generated } from 'kysely';

export type ReferralStatus = 'new' | 'contacted' | 'deal' | 'won' | 'lost';
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Owned by src/modules/referrals. */
export type ReferralsTables = {
  referral_links: {
    account_id: string;
    id: string;
    contact_id: string | null;
    touch_id: string | null;
    token_hash: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
  referrals: {
    account_id: string;
    id: Generated<string>;
    referrer_contact_id: string | null;
    link_id: string | null;
    name: string;
    email: string | null;
    company: string | null;
    note: string | null;
    referred_account_id: string;
    deal_id: string | null;
    status: Generated<ReferralStatus>;
    attributed_revenue: Generated<number>;
    won_at: Timestamp | null;
    thank_touch_id: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
};
