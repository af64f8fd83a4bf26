import type { Role } from '@operable/shared';
import { roleAtLeast } from '@operable/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router-dom';
import { api, setCsrfToken } from '../api';
import { useAnnounce } from '../announcer';
import { unreadCount } from '../inbox-format';
import { useInbox } from '../oncall-queries';
import { useSwapRequests } from '../schedule-queries';
import { sessionKey, useSessionQuery } from '../session';
import { currentTheme, setTheme, type Theme } from '../theme';
import { Loading, QueryError } from './Page';
import { PagingBanner } from './PagingBanner';
import { ZonePrompt } from './ZonePrompt';

const NAV: { to: string; label: string; role: Role }[] = [
  { to: '/alerts', label: 'Alerts', role: 'viewer' },
  { to: '/incidents', label: 'Incidents', role: 'viewer' },
  { to: '/inbox', label: 'Inbox', role: 'viewer' },
  { to: '/schedules', label: 'Schedules', role: 'viewer' },
  { to: '/services', label: 'Services', role: 'viewer' },
  { to: '/slos', label: 'SLOs', role: 'viewer' },
  { to: '/maintenance', label: 'Maintenance', role: 'viewer' },
  { to: '/postmortems', label: 'Post-mortems', role: 'viewer' },
  { to: '/checks', label: 'Checks', role: 'viewer' },
  { to: '/status-page', label: 'Status page', role: 'viewer' },
  { to: '/escalation-policies', label: 'Escalation policies', role: 'viewer' },
  { to: '/replay', label: 'Replay', role: 'responder' },
  { to: '/teams', label: 'Teams', role: 'viewer' },
  { to: '/users', label: 'Users', role: 'viewer' },
  { to: '/api-keys', label: 'API keys', role: 'viewer' },
  { to: '/audit', label: 'Audit log', role: 'admin' },
  { to: '/logging', label: 'Logging', role: 'admin' },
  { to: '/admin/setup', label: 'Setup check', role: 'admin' },
  { to: '/profile', label: 'Profile', role: 'viewer' },
];

function ThemeToggle() {
  const [theme, setThemeState] = useState<Theme>(currentTheme);
  return (
    <button
      type="button"
      className="btn btn-quiet"
      aria-pressed={theme === 'dark'}
      title="Dark mode"
      onClick={() => {
        const next: Theme = theme === 'dark' ? 'light' : 'dark';
        setTheme(next);
        setThemeState(next);
      }}
    >
      <span aria-hidden="true" className="theme-icon">
        {theme === 'dark' ? '☾' : '☀'}
      </span>
      <span className="theme-label">Dark mode</span>
    </button>
  );
}

/** How many swap requests wait for the signed-in person's answer, as a count on the Schedules link. */
function SwapBadge({ userId }: { userId: string }) {
  const swaps = useSwapRequests();
  const waiting = (swaps.data ?? []).filter((r) => r.status === 'pending' && r.responder.id === userId).length;
  if (!waiting) return null;
  return (
    <span className="nav-badge">
      {waiting}
      <span className="visually-hidden"> {waiting === 1 ? 'swap request waits' : 'swap requests wait'} for you</span>
    </span>
  );
}

/** How many inbox items are unread: on the Inbox link, and on the Menu button where the links are folded away. */
function InboxBadge() {
  const inbox = useInbox();
  const unread = unreadCount(inbox.data ?? []);
  if (!unread) return null;
  return (
    <span className="nav-badge">
      {unread}
      <span className="visually-hidden"> unread in your inbox</span>
    </span>
  );
}

/** On a phone, the four places a responder goes, always one thumb away. */
const TABS: { to: string; label: string; icon: string }[] = [
  { to: '/alerts', label: 'Alerts', icon: '⚠' },
  { to: '/incidents', label: 'Incidents', icon: '⚑' },
  { to: '/schedules', label: 'On call', icon: '☎' },
  { to: '/profile', label: 'Me', icon: '☺' },
];

function BottomBar() {
  return (
    <nav className="bottom-bar" aria-label="Quick">
      <ul>
        {TABS.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} className="bottom-tab">
              <span aria-hidden="true" className="bottom-icon">
                {t.icon}
              </span>
              <span>{t.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The signed-in shell: skip link, header, navigation and the main region. */
export function Layout() {
  const session = useSessionQuery();
  const location = useLocation();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const hadSession = useRef(false);
  if (session.data) hadSession.current = true;

  // Move focus to the new page's content after navigating, like a full page load would.
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  const signOut = useMutation({
    mutationFn: () => api.post<void>('/api/auth/sign-out'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
      announce('You are signed out.', 'info');
    },
  });

  if (session.isPending) return <Loading what="Checking your session" />;
  if (session.isError)
    return (
      <main className="narrow" id="main">
        <h1>Operable</h1>
        <QueryError error={session.error} retry={() => session.refetch()} />
      </main>
    );
  if (!session.data) {
    // Signed out on purpose: plain sign-in page. Session expired: come back here after.
    if (signOut.isSuccess || signOut.isError) return <Navigate to="/sign-in" replace />;
    const next = location.pathname + location.search;
    const notice = hadSession.current ? 'Your session ended. Sign in again to carry on where you were.' : undefined;
    return (
      <Navigate
        to={`/sign-in${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`}
        state={notice ? { notice } : undefined}
        replace
      />
    );
  }

  const user = session.data.user;
  // Two copies, never both displayed: one in the top row on small screens, one
  // after the navigation on wide ones, so focus order always follows the layout.
  const signOutButton = (className: string) => (
    <button
      type="button"
      className={`btn ${className}`}
      onClick={() => !signOut.isPending && signOut.mutate()}
      aria-disabled={signOut.isPending}
    >
      Sign out
    </button>
  );
  const links = NAV.filter((n) => roleAtLeast(user.role, n.role));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" end className="brand">
            Operable
          </NavLink>
          <button
            type="button"
            className="btn menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {menuOpen ? 'Close menu' : 'Menu'}
            {!menuOpen && <InboxBadge />}
          </button>
          {signOutButton('signout-compact')}
          <div id="site-nav" className={`nav-panel${menuOpen ? ' open' : ''}`}>
            <nav aria-label="Main">
              <ul className="nav-list">
                {links.map((l) => (
                  <li key={l.to}>
                    <NavLink to={l.to} className="nav-link">
                      {l.label}
                      {l.to === '/schedules' && roleAtLeast(user.role, 'responder') && <SwapBadge userId={user.id} />}
                      {l.to === '/inbox' && <InboxBadge />}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="nav-user">
              <span className="user-name" title={`${user.email} (${user.role})`}>
                {user.name}
              </span>
              <ThemeToggle />
              {signOutButton('signout-wide')}
            </div>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="content">
        {roleAtLeast(user.role, 'responder') && location.pathname !== '/profile' && <PagingBanner />}
        <ZonePrompt user={user} />
        <Outlet />
      </main>
      <BottomBar />
    </div>
  );
}
