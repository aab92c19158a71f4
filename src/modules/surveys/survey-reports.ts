import { sql } from 'kysely';
import { addDays, now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { SurveyReportQuery, VerbatimsQuery } from './surveys.schema.ts';

type MonthRow = { month: string; responses: number; promoters: number; passives: number; detractors: number; average: number };

/** NPS = % promoters (9–10) − % detractors (0–6); CSAT = % satisfied (4–5). Whole numbers, as usually quoted. */
function headline(kind: 'nps' | 'csat', r: { responses: number; promoters: number; detractors: number }): number | null {
  if (r.responses === 0) return null;
  return Math.round((100 * (r.promoters - (kind === 'nps' ? r.detractors : 0))) / r.responses);
}

/**
 * Score over time (by calendar month, UTC), the response rate of the invites sent in the period,
 * for everybody or one account. Default period: the last 12 months.
 */
export async function surveyReport(db: Db, query: SurveyReportQuery) {
  const to = query.to ?? now();
  const from = query.from ?? addDays(to, -365);
  const kind = query.kind;
  const top = kind === 'nps' ? 9 : 4;
  const bottom = kind === 'nps' ? 6 : 2;
  const account = query.account_id ? sql`and account_id = ${query.account_id}` : sql``;
  const { rows } = await sql<MonthRow>`
    select to_char(date_trunc('month', answered_at at time zone 'UTC'), 'YYYY-MM') as month, count(*)::int as responses,
      count(*) filter (where score >= ${top})::int as promoters,
      count(*) filter (where score > ${bottom} and score < ${top})::int as passives,
      count(*) filter (where score <= ${bottom})::int as detractors,
      round(avg(score), 2)::float8 as average
    from survey_responses
    where survey_kind = ${kind} and answered_at >= ${from} and answered_at <= ${to} ${account}
    group by 1 order by 1`.execute(db);
  const { rows: rate } = await sql<{ invites: number; answered: number }>`
    select count(*)::int as invites, count(answered_at)::int as answered from survey_invites
    where survey_kind = ${kind} and created_at >= ${from} and created_at <= ${to} ${account}`.execute(db);
  const sum = (key: 'responses' | 'promoters' | 'passives' | 'detractors') => rows.reduce((n, r) => n + r[key], 0);
  const totals = { responses: sum('responses'), promoters: sum('promoters'), passives: sum('passives'), detractors: sum('detractors') };
  const invites = rate[0]?.invites ?? 0;
  return {
    kind,
    from,
    to,
    summary: {
      ...totals,
      score: headline(kind, totals),
      invites,
      response_rate: invites ? Math.round((10_000 * (rate[0]?.answered ?? 0)) / invites) / 10_000 : null,
    },
    months: rows.map((r) => ({ ...r, score: headline(kind, r) })),
  };
}

/** What customers wrote, newest first, with the account it came from. */
export async function listVerbatims(db: Db, query: VerbatimsQuery) {
  let q = db
    .selectFrom('survey_responses')
    .innerJoin('accounts', 'accounts.id', 'survey_responses.account_id')
    .select(['survey_responses.account_id', 'survey_responses.invite_id', 'accounts.name as account_name', 'survey_responses.survey_kind', 'survey_responses.score',
      'survey_responses.comment', 'survey_responses.answered_at'])
    .where('survey_responses.comment', 'is not', null);
  if (query.kind) q = q.where('survey_responses.survey_kind', '=', query.kind);
  if (query.account_id) q = q.where('survey_responses.account_id', '=', query.account_id);
  return keysetPage(
    q,
    [
      { by: 'survey_responses.answered_at', type: 'timestamptz', order: 'desc' },
      { by: 'survey_responses.invite_id', type: 'uuid', order: 'desc' },
    ],
    query,
  );
}

export type LastNps = { score: number; answered_at: Date };

/**
 * For the health score: each account's most recent NPS answer up to `at`; accounts without one are
 * absent. One statement for every account, grouped by the distribution column so Citus runs it on
 * the shards.
 */
export async function lastNpsScores(db: Db, at: Date = now()): Promise<Map<string, LastNps>> {
  const { rows } = await sql<LastNps & { account_id: string }>`
    select account_id, (array_agg(score order by answered_at desc))[1] as score, max(answered_at) as answered_at
    from survey_responses
    where survey_kind = 'nps' and answered_at <= ${at}
    group by account_id`.execute(db);
  return new Map(rows.map((r) => [r.account_id, { score: r.score, answered_at: r.answered_at }]));
}
