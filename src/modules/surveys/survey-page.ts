import type { SurveyAnswerResult, SurveyQuestion } from './answer-survey.ts';
import { badLinkPage, escapeHtml, type PageBrand, publicPage as brandedPage } from '../customer-links/index.ts';

const scaleEnds: Record<SurveyQuestion['kind'], [string, string]> = {
  nps: ['0 = not at all likely', '10 = extremely likely'],
  csat: ['1 = very dissatisfied', '5 = very satisfied'],
};

function answerForm(token: string, survey: SurveyQuestion, error: string | null): string {
  const scores = Array.from({ length: survey.max - survey.min + 1 }, (_, i) => survey.min + i);
  const radios = scores.map((s) => `<label><input type="radio" name="score" value="${s}" required>${s}</label>`).join('');
  const [low, high] = scaleEnds[survey.kind];
  const errorBlock = error ? `<div class="error" role="alert" id="survey-error">${escapeHtml(error)}</div>` : '';
  return `${errorBlock}<form method="post" action="/s/${escapeHtml(token)}">
<fieldset${error ? ' aria-describedby="survey-error"' : ''}><legend>${escapeHtml(survey.question)}</legend>
<div class="scale">${radios}</div><p class="ends"><span>${low}</span><span>${high}</span></p></fieldset>
<div class="field"><label for="comment">What is the main reason for your score? <span class="hint">(optional)</span></label>
<textarea id="comment" name="comment" rows="4" maxlength="4000"></textarea></div>
<button type="submit">Send my answer</button></form>`;
}

/** The public survey page for every state of its link; it shows the question and nothing about the customer. */
export function surveyPage(token: string, result: SurveyAnswerResult, brand?: PageBrand): { status: number; html: string } {
  const publicPage = (title: string, body: string) => brandedPage(title, body, brand);
  switch (result.status) {
    case 'invalid':
      return { status: 404, html: badLinkPage('invalid', 'a survey', brand) };
    case 'expired':
      return { status: 410, html: badLinkPage('expired', 'this survey', brand) };
    case 'answered':
      return { status: 200, html: publicPage('You have already answered', '<p>Thank you, we already have your answer to this survey. Each invitation can be answered once.</p>') };
    case 'thanks':
      return { status: 200, html: publicPage('Thank you for your answer', '<p>We read every answer, and someone from our team may get in touch about what you wrote.</p>') };
    case 'form_error':
      return { status: 400, html: publicPage('A quick question', answerForm(token, result.survey, result.message)) };
    case 'open':
      return { status: 200, html: publicPage('A quick question', answerForm(token, result.survey, null)) };
  }
}
