/**
 * Touches: every planned or done contact with a customer. This module is the only writer of touch
 * rows; the lifecycle (planned → done | skipped | cancelled), the next-step rule and recurring
 * cadences live here (decision 0010). Other modules plan and move touches through these functions.
 */
export { type CloseDeal, finishTouchInTransaction } from './complete-touch.ts';
export { assertTouchReferences, type NewTouch, type PlaybookTouch, planPlaybookTouches, planTouchInTransaction } from './plan-touch.ts';
export { countPlannedTouches, coverPlannedTouchesWhileAway, handOverPlannedTouches } from './hand-over.ts';
export { type AccountIdRange, lastDoneTouchAges } from './last-done-touches.ts';
export { defaultResetsOn } from './recurrence.ts';
export { insertDoneTouch } from './touch-test-data.ts';
export { rescheduleTouchesInTransaction, type TouchMove } from './reschedule.ts';
export { anonymiseContactTouches, cancelPlannedHeadsUp, cancelPlannedTouches, markTouchSkipped, recordEmailDelivery, recordTouchOutcome } from './touch-transitions.ts';
export { touchRoutes } from './touches.routes.ts';
export { conversationKinds, type NextStepInput, nextStepInput } from './touches.schema.ts';
/** A touch as the API answers it (list and read). */
export type TouchView = Awaited<ReturnType<typeof import('./touches.service.ts').getTouch>>;
export type { BulkTouchResult } from './bulk-touches.ts';
export type { BulkTouchInput } from './touches.schema.ts';
export type { CompleteTouchInput, LogTouchInput, PlanTouchInput } from './touches.schema.ts';
