import { type RawBuilder, sql } from 'kysely';

/**
 * The active sales (or service) user an imported account goes to when the file names nobody: picked
 * by a hash of the account's key over the users of that role, so owners are spread evenly and the
 * same file gives the same owners whatever its row order. Null when the business has no such user.
 */
export function assignedUser(role: 'sales' | 'service', key: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(select case when count(*) = 0 then null
    else (array_agg(u.id order by u.id))[1 + ((hashtext(${key})::bigint % count(*) + count(*)) % count(*))::int] end
    from users u where u.role = ${role} and u.active)`;
}
