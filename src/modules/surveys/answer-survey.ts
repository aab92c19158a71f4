import type { Transaction } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db } from '../../platform/db.ts';
import type { SurveyKind } from '../../platform/db-schema.ts';
import { appendEvent } from '../../platform/events.ts';
import { recordTouchOutcome } from '../touches/index.ts';
import { type LinkCheck, readPublicLink, tokenMatches } from '../customer-links/index.ts';
import type { surveyAnswerForm } from './surveys.schema.ts';
import type { z } from 'zod';

export type SurveyQuestion = { kind: SurveyKind; question: string; min: number; max: number };

export type SurveyLinkState =
  | { status: 'invalid' | 'expired' }
  | { status: 'answered'; survey: SurveyQuestion }
  | { status: 'open'; survey: SurveyQuestion };

/** Reads the invite a link names, locking it when the caller is about to record an answer. */
async function inviteOfToken(trx: Db | Transaction<Database>, link: LinkCheck, token: string, lock: boolean) {
  if (!link.ok) return { state: { status: link.reason } as const };
  let q = trx
    .selectFrom('survey_invites')
    .innerJoin('surveys', 'surveys.kind', 'survey_invites.survey_kind')
    .select(['survey_invites.account_id', 'survey_invites.id', 'survey_invites.token_hash', 'survey_invites.expires_at', 'survey_invites.answered_at',
      'survey_invites.touch_id', 'survey_invites.issue_id', 'survey_invites.contact_id', 'surveys.kind', 'surveys.question', 'surveys.min_score', 'surveys.max_score'])
    .where('survey_invites.account_id', '=', link.accountId)
    .where('survey_invites.id', '=', link.id);
  if (lock) q = q.forUpdate();
  const invite = await q.executeTakeFirst();
  if (!invite || !tokenMatches(token, invite.token_hash)) return { state: { status: 'invalid' } as const };
  const survey: SurveyQuestion = { kind: invite.kind, question: invite.question, min: invite.min_score, max: invite.max_score };
  if (invite.answered_at) return { state: { status: 'answered', survey } as const };
  if (invite.expires_at < now()) return { state: { status: 'expired' } as const };
  return { state: { status: 'open', survey } as const, invite };
}

export async function checkSurveyLink(db: Db, token: string): Promise<SurveyLinkState> {
  return (await inviteOfToken(db, await readPublicLink(db, 'survey', token), token, false)).state;
}

export type SurveyAnswerResult = SurveyLinkState | { status: 'thanks'; survey: SurveyQuestion } | { status: 'form_error'; survey: SurveyQuestion; message: string };

/**
 * Records a customer's answer once. NPS answers are the `survey.answered` event the closed-loop
 * playbooks read (their score ranges are on the 0–10 scale); CSAT answers are `csat.answered`, so a
 * satisfied 5 of 5 is never taken for a detractor.
 */
export async function answerSurvey(db: Db, token: string, form: z.infer<typeof surveyAnswerForm> | { error: string }): Promise<SurveyAnswerResult> {
  const link = await readPublicLink(db, 'survey', token);
  return db.transaction().execute(async (trx): Promise<SurveyAnswerResult> => {
    const { state, invite } = await inviteOfToken(trx, link, token, true);
    if (state.status !== 'open' || !invite) return state;
    const { survey } = state;
    if ('error' in form) return { status: 'form_error', survey, message: form.error };
    if (form.score < survey.min || form.score > survey.max) {
      return { status: 'form_error', survey, message: `Please choose a score from ${survey.min} to ${survey.max}` };
    }
    const at = now();
    const comment = form.comment || null;
    await trx.insertInto('survey_responses').values({ account_id: invite.account_id, invite_id: invite.id, survey_kind: survey.kind, score: form.score, comment, answered_at: at }).execute();
    await trx.updateTable('survey_invites').set({ answered_at: at }).where('account_id', '=', invite.account_id).where('id', '=', invite.id).execute();
    if (invite.touch_id) {
      await recordTouchOutcome(trx, { accountId: invite.account_id, touchId: invite.touch_id }, `Answered ${form.score} of ${survey.max}${comment ? `: ${comment}` : ''}`);
    }
    await appendEvent(trx, {
      type: survey.kind === 'nps' ? 'survey.answered' : 'csat.answered',
      accountId: invite.account_id,
      subjectId: invite.id,
      payload: { score: form.score, comment, kind: survey.kind, title: `${survey.kind.toUpperCase()} ${form.score}`, issue_id: invite.issue_id, contact_id: invite.contact_id },
    });
    return { status: 'thanks', survey };
  });
}
