/**
 * Customer goals named in discovery, and the reviews planned for them.
 */
export { planGoalReviewsJob } from './goal-reviews.ts';
export { registerGoalRoutes } from './goals.routes.ts';
