/**
 * Customer goals named in discovery, and the reviews planned for them.
 */
export { planGoalReviewsJob } from './goal-reviews.ts';
export { registerGoalRoutes } from './goals.routes.ts';
/** A goal as the API lists it, with its review's due date and status. */
export type GoalView = Awaited<ReturnType<typeof import('./goals.service.ts').listGoals>>['items'][number];
/** What a client sends to name a customer goal. */
export type CreateGoalBody = import('zod').input<typeof import('./goals.schema.ts').createGoalBody>;
