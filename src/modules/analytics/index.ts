/**
 * Retention analytics: RFM, latency, health score and the CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma), the scoring run and its job, and the settings they use.
 */
export { insertAccountWithOrders, insertBuyingCustomers } from './analytics-test-data.ts';
export { scoreAccountsJob } from './analytics.jobs.ts';
export { registerAnalyticsRoutes } from './analytics.routes.ts';
export { utcDate } from './as-of.ts';
export { type ClvFitReport, fitClvModels } from './clv/fit-report.ts';
export { summarizeCalibration, type Transaction } from './clv/summary.ts';
export { fitReport } from './runs.queries.ts';
export { scoreAccounts, type ScoringRunResult } from './score-accounts.ts';
export type { ScoringProgress } from './score-chunks.ts';
export { readTransactionCsv } from './transaction-csv.ts';
export type AccountScoreView = Awaited<ReturnType<typeof import('./analytics.queries.ts').accountScore>>;
export type ScoredAccountView = Awaited<ReturnType<typeof import('./analytics.queries.ts').listScoredAccounts>>['items'][number];
export type RfmGridView = Awaited<ReturnType<typeof import('./analytics.queries.ts').rfmGrid>>;
export type ClvDistributionView = Awaited<ReturnType<typeof import('./analytics.queries.ts').clvDistribution>>;
export type CohortReportView = Awaited<ReturnType<typeof import('./runs.queries.ts').cohortReport>>;
export type FitReportView = Awaited<ReturnType<typeof import('./runs.queries.ts').fitReport>>;
export type ScoringRequested = Awaited<ReturnType<typeof import('./analytics.jobs.ts').requestScoring>>;
