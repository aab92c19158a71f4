import type { ColumnType, Generated } from 'kysely';

export type Role = 'admin' | 'manager' | 'sales' | 'service';
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/users. */
export type UsersTables = {
  users: {
    id: Generated<string>;
    email: string;
    name: string;
    role: Role;
    password_hash: string;
    time_zone: Generated<string>;
    active: Generated<boolean>;
    digest_enabled: Generated<boolean>;
    must_change_password: Generated<boolean>;
    created_at: DefaultedTimestamp;
    touches_per_day: Generated<number>;
    working_days: Generated<number[]>;
    work_start_hour: Generated<number>;
    work_end_hour: Generated<number>;
    away_from: string | null;
    away_until: string | null;
    away_backup_id: string | null;
  };
  sessions: { token_hash: string; user_id: string; created_at: Timestamp; expires_at: Timestamp };
  api_tokens: {
    id: Generated<string>;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: Timestamp;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  login_failures: { id: Generated<number>; email: string; ip: string; failed_at: Timestamp };
};
