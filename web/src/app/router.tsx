import { createBrowserRouter, Navigate } from 'react-router-dom';
import { Loading } from '../ui/status.tsx';
import { AccountPage } from '../modules/accounts/account-page.tsx';
import { AccountsPage } from '../modules/accounts/accounts-page.tsx';
import { AuditPage } from '../modules/audit/audit-page.tsx';
import { LoginPage } from '../modules/auth/login-page.tsx';
import { DealPage } from '../modules/deals/deal-page.tsx';
import { PipelinePage } from '../modules/deals/pipeline-page.tsx';
import { AttentionPage } from '../modules/attention/attention-page.tsx';
import { MyDayPage } from '../modules/me/my-day-page.tsx';
import { OutboxPage } from '../modules/outbox/outbox-page.tsx';
import { ImportPage } from '../modules/imports/import-page.tsx';
import { SettingsPage } from '../modules/settings/settings-page.tsx';
import { ProfilePage } from '../modules/people/profile-page.tsx';
import { UsersPage } from '../modules/people/users-page.tsx';
import { WebhooksPage } from '../modules/webhooks/webhooks-page.tsx';
import { NewPlaybookPage } from '../modules/playbooks/new-playbook-page.tsx';
import { PlaybookPage } from '../modules/playbooks/playbook-page.tsx';
import { PlaybooksPage } from '../modules/playbooks/playbooks-page.tsx';
import { SimulatePage } from '../modules/playbooks/simulate-page.tsx';
import { ProductsPage } from '../modules/products/products-page.tsx';
import { ReferralsPage } from '../modules/referrals/referrals-page.tsx';
import { IssuePage } from '../modules/service/issue-page.tsx';
import { ServicePage } from '../modules/service/service-page.tsx';
import { TeamLoadPage } from '../modules/team-load/team-load-page.tsx';
import { AppShell } from './app-shell.tsx';
import { AuthGuard } from './auth-guard.tsx';
import { NotFoundPage } from './not-found-page.tsx';

export const createAppRouter = () =>
  createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      element: <AuthGuard />,
      children: [
        {
          element: <AppShell />,
          children: [
            { index: true, element: <Navigate to="/accounts" replace /> },
            { path: 'accounts', element: <AccountsPage /> },
            { path: 'accounts/:id', element: <AccountPage /> },
            { path: 'pipeline', element: <PipelinePage /> },
            { path: 'deals/:id', element: <DealPage /> },
            { path: 'products', element: <ProductsPage /> },
            { path: 'my-day', element: <MyDayPage /> },
            { path: 'attention', element: <AttentionPage /> },
            { path: 'team-load', element: <TeamLoadPage /> },
            { path: 'playbooks', element: <PlaybooksPage /> },
            { path: 'playbooks/new', element: <NewPlaybookPage /> },
            { path: 'playbooks/simulate', element: <SimulatePage /> },
            { path: 'playbooks/:id', element: <PlaybookPage /> },
            { path: 'outbox', element: <OutboxPage /> },
            { path: 'import', element: <ImportPage /> },
            { path: 'webhooks', element: <WebhooksPage /> },
            { path: 'settings', element: <SettingsPage /> },
            { path: 'users', element: <UsersPage /> },
            { path: 'profile', element: <ProfilePage /> },
            { path: 'audit', element: <AuditPage /> },
            // Loaded on first visit: the charts library stays out of the main bundle. Opened
            // directly, the page says it is loading while its code arrives.
            {
              path: 'analytics',
              hydrateFallbackElement: <Loading>Loading the page…</Loading>,
              lazy: async () => ({ Component: (await import('../modules/analytics/analytics-page.tsx')).AnalyticsPage }),
            },
            { path: 'service', element: <ServicePage /> },
            { path: 'service/issues/:id', element: <IssuePage /> },
            { path: 'referrals', element: <ReferralsPage /> },
            {
              path: 'surveys',
              hydrateFallbackElement: <Loading>Loading the page…</Loading>,
              lazy: async () => ({ Component: (await import('../modules/surveys/surveys-page.tsx')).SurveysPage }),
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
