import './no-eval';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { ApiError, setSessionLostHandler } from './api';
import { AnnouncerProvider } from './announcer';
import { Layout } from './components/Layout';
import { Loading } from './components/Page';
import { RequireRole } from './components/RequireRole';
import { AlertDetailPage } from './pages/AlertDetailPage';
import { AlertsPage } from './pages/AlertsPage';
import { ApiKeysPage } from './pages/ApiKeysPage';
import { AuditPage } from './pages/AuditPage';
import { ChecksPage } from './pages/ChecksPage';
import { EscalationPoliciesPage } from './pages/EscalationPoliciesPage';
import { HomePage } from './pages/HomePage';
import { EscalationPolicyPage, NewEscalationPolicyPage } from './pages/EscalationPolicyPage';
import { LoggingPage } from './pages/LoggingPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProfilePage } from './pages/ProfilePage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { ServiceDetailPage } from './pages/ServiceDetailPage';
import { EditServicePage, NewServicePage } from './pages/ServiceFormPage';
import { ServicesPage } from './pages/ServicesPage';
import { SignInPage } from './pages/SignInPage';
import { TeamDetailPage } from './pages/TeamDetailPage';
import { TeamsPage } from './pages/TeamsPage';
import { UserDetailPage } from './pages/UserDetailPage';
import { UsersPage } from './pages/UsersPage';
import { sessionKey } from './session';
import { applyStoredTheme } from './theme';
import './styles.css';

applyStoredTheme();

// The schedule, inbox, recovery and maintenance pages load on first visit, keeping the first download (the 3 a.m. alert path) small.
const SchedulesPage = lazy(() => import('./pages/SchedulesPage').then((m) => ({ default: m.SchedulesPage })));
const SchedulePage = lazy(() => import('./pages/SchedulePage').then((m) => ({ default: m.SchedulePage })));
const NewSchedulePage = lazy(() => import('./pages/ScheduleFormPage').then((m) => ({ default: m.NewSchedulePage })));
const EditSchedulePage = lazy(() => import('./pages/ScheduleFormPage').then((m) => ({ default: m.EditSchedulePage })));
const SwapRequestsPage = lazy(() => import('./pages/SwapRequestsPage').then((m) => ({ default: m.SwapRequestsPage })));
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const RecoveryPage = lazy(() => import('./pages/RecoveryPage').then((m) => ({ default: m.RecoveryPage })));
const MaintenancePage = lazy(() => import('./pages/MaintenancePage').then((m) => ({ default: m.MaintenancePage })));
const NewMaintenancePage = lazy(() => import('./pages/MaintenanceFormPage').then((m) => ({ default: m.NewMaintenancePage })));
const EditMaintenancePage = lazy(() => import('./pages/MaintenanceFormPage').then((m) => ({ default: m.EditMaintenancePage })));
const SlosPage = lazy(() => import('./pages/SlosPage').then((m) => ({ default: m.SlosPage })));
const SloImportPage = lazy(() => import('./pages/SloImportPage').then((m) => ({ default: m.SloImportPage })));
const SloPage = lazy(() => import('./pages/SloPage').then((m) => ({ default: m.SloPage })));
const ReplayPage = lazy(() => import('./pages/ReplayPage').then((m) => ({ default: m.ReplayPage })));
const PostmortemsPage = lazy(() => import('./pages/PostmortemsPage').then((m) => ({ default: m.PostmortemsPage })));
const PostmortemLibraryPage = lazy(() => import('./pages/PostmortemsPage').then((m) => ({ default: m.PostmortemLibraryPage })));
const PostmortemPage = lazy(() => import('./pages/PostmortemPage').then((m) => ({ default: m.PostmortemPage })));
const MeetingPage = lazy(() => import('./pages/MeetingPage').then((m) => ({ default: m.MeetingPage })));
// The check list is in the first download (a responder opens it at once); the charting library loads beside its data.
const CheckPage = lazy(() => import('./pages/CheckPage').then((m) => ({ default: m.CheckPage })));
const NewCheckPage = lazy(() => import('./pages/CheckFormPage').then((m) => ({ default: m.NewCheckPage })));
const EditCheckPage = lazy(() => import('./pages/CheckFormPage').then((m) => ({ default: m.EditCheckPage })));
const IncidentsPage = lazy(() => import('./pages/IncidentsPage').then((m) => ({ default: m.IncidentsPage })));
const IncidentPage = lazy(() => import('./pages/IncidentPage').then((m) => ({ default: m.IncidentPage })));
const StatusPageAdminPage = lazy(() => import('./pages/StatusPageAdminPage').then((m) => ({ default: m.StatusPageAdminPage })));
const SetupCheckPage = lazy(() => import('./pages/SetupCheckPage').then((m) => ({ default: m.SetupCheckPage })));
const TeamHealthPage = lazy(() => import('./pages/TeamHealthPage').then((m) => ({ default: m.TeamHealthPage })));
const WeeklyReviewPage = lazy(() => import('./pages/WeeklyReviewPage').then((m) => ({ default: m.WeeklyReviewPage })));
const OrgReviewPage = lazy(() => import('./pages/WeeklyReviewPage').then((m) => ({ default: m.OrgReviewPage })));
const PersonHealthPage = lazy(() => import('./pages/PersonHealthPage').then((m) => ({ default: m.PersonHealthPage })));
const later = (page: ReactNode) => <Suspense fallback={<Loading what="Loading the page" />}>{page}</Suspense>;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // Client errors (4xx) won't fix themselves; retry only network and server errors.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

// Any 401 outside the auth endpoints means the session ended: drop it, and the
// signed-in layout sends the person to the sign-in page.
setSessionLostHandler(() => {
  if (queryClient.getQueryData(sessionKey)) queryClient.setQueryData(sessionKey, null);
});

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'alerts', element: <AlertsPage /> },
      { path: 'alerts/:id', element: <AlertDetailPage /> },
      { path: 'incidents', element: later(<IncidentsPage />) },
      { path: 'incidents/:id', element: later(<IncidentPage />) },
      // Drills are declared from the incidents page; older links to a drill page land on its form.
      { path: 'drills', element: <Navigate to="/incidents?declare=drill" replace /> },
      { path: 'drills/new', element: <Navigate to="/incidents?declare=drill" replace /> },
      {
        path: 'admin/setup',
        element: <RequireRole role="admin">{later(<SetupCheckPage />)}</RequireRole>,
      },

      { path: 'schedules', element: later(<SchedulesPage />) },
      { path: 'schedules/new', element: later(<NewSchedulePage />) },
      { path: 'schedules/:id', element: later(<SchedulePage />) },
      { path: 'schedules/:id/edit', element: later(<EditSchedulePage />) },
      { path: 'swap-requests', element: later(<SwapRequestsPage />) },
      { path: 'inbox', element: later(<InboxPage />) },
      { path: 'recovery', element: later(<RecoveryPage />) },
      { path: 'services', element: <ServicesPage /> },
      { path: 'services/new', element: <NewServicePage /> },
      { path: 'services/:id', element: <ServiceDetailPage /> },
      { path: 'services/:id/edit', element: <EditServicePage /> },
      { path: 'slos', element: later(<SlosPage />) },
      { path: 'slos/import', element: later(<SloImportPage />) },
      { path: 'slos/:id', element: later(<SloPage />) },
      { path: 'maintenance', element: later(<MaintenancePage />) },
      { path: 'maintenance/new', element: later(<NewMaintenancePage />) },
      { path: 'maintenance/:id/edit', element: later(<EditMaintenancePage />) },
      { path: 'replay', element: later(<ReplayPage />) },
      { path: 'postmortems', element: later(<PostmortemsPage />) },
      { path: 'postmortems/library', element: later(<PostmortemLibraryPage />) },
      { path: 'postmortems/:id', element: later(<PostmortemPage />) },
      { path: 'postmortems/:id/meeting', element: later(<MeetingPage />) },
      { path: 'status-page', element: later(<StatusPageAdminPage />) },
      { path: 'checks', element: <ChecksPage /> },
      { path: 'checks/new', element: later(<NewCheckPage />) },
      { path: 'checks/:id', element: later(<CheckPage />) },
      { path: 'checks/:id/edit', element: later(<EditCheckPage />) },
      { path: 'escalation-policies', element: <EscalationPoliciesPage /> },
      { path: 'escalation-policies/new', element: <NewEscalationPolicyPage /> },
      { path: 'escalation-policies/:id', element: <EscalationPolicyPage /> },
      { path: 'teams', element: <TeamsPage /> },
      { path: 'teams/:id', element: <TeamDetailPage /> },
      { path: 'teams/:id/health', element: later(<TeamHealthPage />) },
      { path: 'teams/:id/review', element: later(<WeeklyReviewPage />) },
      { path: 'health/review', element: later(<OrgReviewPage />) },
      { path: 'people/:id/health', element: later(<PersonHealthPage />) },
      { path: 'users', element: <UsersPage /> },
      { path: 'users/:id', element: <UserDetailPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      {
        path: 'audit',
        element: (
          <RequireRole role="admin">
            <AuditPage />
          </RequireRole>
        ),
      },
      {
        path: 'logging',
        element: (
          <RequireRole role="admin">
            <LoggingPage />
          </RequireRole>
        ),
      },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>
        <RouterProvider router={router} />
      </AnnouncerProvider>
    </QueryClientProvider>
  </StrictMode>,
);
