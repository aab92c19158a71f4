/**
 * NPS and CSAT surveys by signed link, their answers, and the closed loop (detractor → recovery, promoter → referral ask).
 */
export { mailDueLinkTouches } from './due-link-touches.ts';
export { lastNpsScores } from './survey-reports.ts';
export { sendDueSurveyInvites, sendDueSurveysJob } from './surveys.jobs.ts';
export { registerSurveyRoutes } from './surveys.routes.ts';
export { anonymiseContactAnswers } from './erase-answers.ts';
export type { SendSurveyInput } from './surveys.schema.ts';
export type SurveyReportView = Awaited<ReturnType<typeof import('./survey-reports.ts').surveyReport>>;
export type VerbatimView = Awaited<ReturnType<typeof import('./survey-reports.ts').listVerbatims>>['items'][number];
export type SurveySentView = Awaited<ReturnType<typeof import('./invite-to-survey.ts').sendSurvey>>;
