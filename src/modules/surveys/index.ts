/**
 * NPS and CSAT surveys by signed link, their answers, and the closed loop (detractor → recovery, promoter → referral ask).
 */
export { mailDueLinkTouches } from './due-link-touches.ts';
export { lastNpsScores } from './survey-reports.ts';
export { sendDueSurveyInvites, sendDueSurveysJob } from './surveys.jobs.ts';
export { registerSurveyRoutes } from './surveys.routes.ts';
export { anonymiseContactAnswers } from './erase-answers.ts';
