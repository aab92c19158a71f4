import { sql, type Transaction } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { OrderAlertLevel } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import type { Ticker } from '../../platform/jobs.ts';
import { addWorkingHours, endOfWorkingDays } from '../../platform/working-time.ts';
import { cancelPlannedTouches, planTouchInTransaction } from '../touches/index.ts';

/** Orders unshipped longer than this past their deadline are left alone: history, not a late order. */
const lookBackDays = 60;
const batchSize = 100;
/** Unless the service owner says otherwise, a late order is expected to ship within two more working days. */
const defaultExtraWorkingDays = 2;

type LateCandidate = { account_id: string; id: string; level: OrderAlertLevel };

/**
 * Unshipped orders past a deadline that have no alert of that level yet. The partial index on
 * unshipped orders' ship_by makes this a range read of the few orders that matter.
 */
export function lateOrdersQuery(at: Date, limit = batchSize) {
  return sql<LateCandidate>`
    select o.account_id, o.id, lvl.level
    from orders o
      cross join lateral (values ('late', o.ship_by), ('escalated', o.escalate_by)) as lvl(level, due)
    where o.status = 'placed' and o.ship_by <= ${at} and o.ship_by > ${addDays(at, -lookBackDays)}
      and lvl.due <= ${at}
      and not exists (select 1 from order_alerts a where a.account_id = o.account_id and a.order_id = o.id and a.level = lvl.level)
    order by o.ship_by, o.id
    limit ${limit}`;
}

type AlertedOrder = {
  number: string;
  name: string;
  ship_by: Date;
  expected_ship_on: string | null;
  status: string;
  assignee_id: string | null;
  assignee_name: string | null;
  time_zone: string | null;
};

function howLate(shipBy: Date, at: Date): string {
  const hours = Math.floor((at.getTime() - shipBy.getTime()) / 3_600_000);
  if (hours < 1) return 'just now';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.floor(hours / 24)} days`;
}

function deadlineInWords(shipBy: Date, timeZone: string): string {
  // Deadlines are midnight after the last working day: "by the end of that day" names the day before.
  const lastDay = new Date(shipBy.getTime() - 1);
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(lastDay);
}

function dayInWords(ymd: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${ymd}T12:00:00Z`));
}

async function orderLines(trx: Transaction<Database>, accountId: string, orderId: string): Promise<string> {
  const lines = await trx
    .selectFrom('order_lines')
    .select(['quantity', 'description', 'sku'])
    .where('account_id', '=', accountId)
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute();
  return lines.map((l) => `- ${l.quantity} × ${l.description}${l.sku ? ` (${l.sku})` : ''}`).join('\n');
}

/**
 * One alert, exactly once: the order row is locked first, so a shipment in flight either lands
 * before (and nothing is raised) or waits and then cancels the alert; the primary key of
 * order_alerts makes a second worker's claim a no-op.
 */
async function raiseAlert(trx: Transaction<Database>, candidate: LateCandidate, at: Date): Promise<boolean> {
  const forManager = candidate.level === 'escalated';
  const assignee = forManager
    ? sql`(select id, name, time_zone from users where active and role in ('manager', 'admin') order by role = 'manager' desc, created_at, id limit 1)`
    : sql`(select id, name, time_zone from users where active and id in (a.service_owner_id, a.owner_id) order by id = a.service_owner_id desc limit 1)`;
  const { rows } = await sql<AlertedOrder>`
    select o.number, a.name, o.ship_by, o.expected_ship_on, o.status, u.id as assignee_id, u.name as assignee_name, u.time_zone
    from orders o join accounts a on a.id = o.account_id left join lateral ${assignee} u on true
    where o.account_id = ${candidate.account_id} and o.id = ${candidate.id}
    for update of o`.execute(trx);
  const order = rows[0];
  if (order?.status !== 'placed') return false;
  const claim = await trx
    .insertInto('order_alerts')
    .values({ account_id: candidate.account_id, order_id: candidate.id, level: candidate.level, raised_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'order_id', 'level']).doNothing())
    .returning('order_id')
    .executeTakeFirst();
  if (!claim) return false;
  const timeZone = order.time_zone ?? 'UTC';
  const late = howLate(order.ship_by, at);
  const subject = forManager
    ? `Escalated: order ${order.number} for ${order.name} is ${late} late`
    : `Order ${order.number} for ${order.name} has not shipped (${late} late)`;
  const touch = await planTouchInTransaction(trx, {
    accountId: candidate.account_id,
    kind: 'task',
    subject,
    notes: `Promised to ship by the end of ${deadlineInWords(order.ship_by, timeZone)}. Find out what holds it up and tell the customer.\n\n${await orderLines(trx, candidate.account_id, candidate.id)}`,
    assigneeId: order.assignee_id,
    dueAt: addWorkingHours(at, 1, timeZone),
    actorId: null,
  });
  await trx
    .updateTable('order_alerts')
    .set({ touch_id: touch.id })
    .where('account_id', '=', candidate.account_id)
    .where('order_id', '=', candidate.id)
    .where('level', '=', candidate.level)
    .execute();
  const payload = { title: subject, number: order.number, ship_by: order.ship_by.toISOString(), touch_id: touch.id, assignee_id: order.assignee_id };
  if (forManager) {
    await appendEvent(trx, { type: 'order.late_escalated', accountId: candidate.account_id, subjectId: candidate.id, actorId: null, payload });
  } else {
    // The delay note (a playbook on order.late) tells the customer this date, signed by the same person.
    const expected = order.expected_ship_on ? dayInWords(order.expected_ship_on) : deadlineInWords(endOfWorkingDays(at, defaultExtraWorkingDays, timeZone), timeZone);
    const delay = { expected_by: expected, signed_by: order.assignee_name ?? 'Customer service' };
    await appendEvent(trx, { type: 'order.late', accountId: candidate.account_id, subjectId: candidate.id, actorId: null, payload: { ...payload, ...delay } });
  }
  return true;
}

/** Plans the late-order task (and the manager's escalation) for every order past its deadline. */
export async function raiseLateOrderAlerts(db: Db, at = now()): Promise<{ checked: number; raised: number }> {
  const { rows: candidates } = await lateOrdersQuery(at).execute(db);
  let raised = 0;
  for (const candidate of candidates) {
    if (await db.transaction().execute((trx) => raiseAlert(trx, candidate, at))) raised++;
  }
  return { checked: candidates.length, raised };
}

export const lateOrderTicker: Ticker = {
  name: 'orders.late_alerts',
  async run({ db }) {
    return (await raiseLateOrderAlerts(db)).checked;
  },
};

/**
 * An order that ships, is delivered or is cancelled needs no chasing: its alert tasks still planned
 * are cancelled in the caller's transaction (the API, an import or a webhook).
 */
export async function closeOrderAlerts(trx: Transaction<Database>, orders: { account_id: string; id: string; status: string }[]): Promise<void> {
  const moved = orders.filter((o) => o.status !== 'placed');
  if (moved.length === 0) return;
  const { rows } = await sql<{ account_id: string; touch_id: string }>`
    select a.account_id, a.touch_id from order_alerts a
    join unnest(${moved.map((o) => o.account_id)}::uuid[], ${moved.map((o) => o.id)}::uuid[]) as k(account_id, id)
      on a.account_id = k.account_id and a.order_id = k.id
    where a.touch_id is not null`.execute(trx);
  for (const alert of rows) {
    await cancelPlannedTouches(trx, { accountId: alert.account_id, touchId: alert.touch_id }, 'The order is no longer waiting to ship');
  }
}
