import type { AccountsTables } from './tables/accounts.ts';
import type { AnalyticsTables } from './tables/analytics.ts';
import type { CalendarTables } from './tables/calendar.ts';
import type { CompanyTables } from './tables/company.ts';
import type { ContactsTables } from './tables/contacts.ts';
import type { DealsTables } from './tables/deals.ts';
import type { GoalsTables } from './tables/goals.ts';
import type { ImportsTables } from './tables/imports.ts';
import type { IssuesTables } from './tables/issues.ts';
import type { MentionsTables } from './tables/mentions.ts';
import type { MessagesTables } from './tables/messages.ts';
import type { NotificationsTables } from './tables/notifications.ts';
import type { OrdersTables } from './tables/orders.ts';
import type { PlatformTables } from './tables/platform.ts';
import type { PlaybooksTables } from './tables/playbooks.ts';
import type { ProductsTables } from './tables/products.ts';
import type { ReferralsTables } from './tables/referrals.ts';
import type { SurveysTables } from './tables/surveys.ts';
import type { TouchesTables } from './tables/touches.ts';
import type { UsersTables } from './tables/users.ts';
import type { WebhooksTables } from './tables/webhooks.ts';

export type { Lifecycle } from './tables/accounts.ts';
export { rfmSegments, type RfmSegment, type HealthFactorKey, type HealthWeights, type HealthFactor, type ScoringSettings, type HoldoutCheck } from './tables/analytics.ts';
export { logoTypes, type LogoType } from './tables/company.ts';
export type { DealStage, DealStatus } from './tables/deals.ts';
export type { GoalStatus } from './tables/goals.ts';
export { importKinds, type ImportKind, type ImportStatus } from './tables/imports.ts';
export type { IssueSeverity, IssueStatus, IssueChannel } from './tables/issues.ts';
export type { MessageStatus } from './tables/messages.ts';
export { notificationKinds, type NotificationKind } from './tables/notifications.ts';
export type { OrderStatus, OrderAlertLevel } from './tables/orders.ts';
export type { ReferralStatus } from './tables/referrals.ts';
export type { SurveyKind } from './tables/surveys.ts';
export { type TouchStatus, type PlanningFlag, touchKinds, type TouchKind } from './tables/touches.ts';
export type { Role } from './tables/users.ts';
export type { DeliveryStatus } from './tables/webhooks.ts';

/**
 * Table types for Kysely, written by hand in src/platform/tables/ (one file per owning module);
 * table-types.test.ts checks them against the migrated database.
 */
export type Database = AccountsTables &
  AnalyticsTables &
  CalendarTables &
  CompanyTables &
  ContactsTables &
  DealsTables &
  GoalsTables &
  ImportsTables &
  IssuesTables &
  MentionsTables &
  MessagesTables &
  NotificationsTables &
  OrdersTables &
  PlatformTables &
  PlaybooksTables &
  ProductsTables &
  ReferralsTables &
  SurveysTables &
  TouchesTables &
  UsersTables &
  WebhooksTables;
