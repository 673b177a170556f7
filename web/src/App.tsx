import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  answer,
  client,
  onSessionExpired,
  refreshSession,
  token,
  type Schemas,
} from './api/client';

type User = Schemas['UserResponse'];
import { Loading } from './components/Notices';
import { CheckInLink } from './components/public/CheckInLink';
import { href, navigate, redirect, useHashRoute, type Route } from './router';
import { SessionContext, type Session } from './session';
import { BookingPage } from './screens/BookingPage';
import { BookSlot } from './screens/BookSlot';
import { ForgotPassword } from './screens/ForgotPassword';
import { IntakeForm } from './screens/IntakeForm';
import { IntakeResult } from './screens/IntakeResult';
import { LatestSuggestions } from './screens/LatestSuggestions';
import { isBookingsView, MyBookings } from './screens/MyBookings';
import { Home } from './screens/public/Home';
import { TherapistPage } from './screens/public/TherapistPage';
import { ResetPassword } from './screens/ResetPassword';
import { Settings } from './screens/Settings';
import { Setup } from './screens/Setup';
import { SignIn } from './screens/SignIn';
import { SignUp } from './screens/SignUp';
import { VerifyEmail } from './screens/VerifyEmail';
import { Waitlist } from './screens/Waitlist';

// The admin's and the therapist's screens: one chunk each, downloaded when first shown.
const adminScreens = () => import('./screens/admin');
const therapistScreens = () => import('./screens/therapist');
const AdminAudit = lazy(() => adminScreens().then((m) => ({ default: m.AdminAudit })));
const AdminCertifications = lazy(() =>
  adminScreens().then((m) => ({ default: m.AdminCertifications })),
);
const AdminFlags = lazy(() => adminScreens().then((m) => ({ default: m.AdminFlags })));
const AdminLocationDay = lazy(() => adminScreens().then((m) => ({ default: m.AdminLocationDay })));
const AdminLocations = lazy(() => adminScreens().then((m) => ({ default: m.AdminLocations })));
const AdminOfferings = lazy(() => adminScreens().then((m) => ({ default: m.AdminOfferings })));
const AdminOutbox = lazy(() => adminScreens().then((m) => ({ default: m.AdminOutbox })));
const TherapistAgenda = lazy(() =>
  therapistScreens().then((m) => ({ default: m.TherapistAgenda })),
);
const TherapistHours = lazy(() => therapistScreens().then((m) => ({ default: m.TherapistHours })));
const TherapistProfile = lazy(() =>
  therapistScreens().then((m) => ({ default: m.TherapistProfile })),
);
const TherapistStart = lazy(() => therapistScreens().then((m) => ({ default: m.TherapistStart })));
const TimeOff = lazy(() => therapistScreens().then((m) => ({ default: m.TimeOff })));

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  /** The session ended while in use: sign in again, and stay on the same screen. */
  | { status: 'expired' }
  | { status: 'signed-in'; user: User };

const HOME: Record<User['role'], string> = {
  client: href('suggestions'),
  therapist: href('therapist/start'),
  admin: href('admin/flags'),
};

function navItems(user: User): [string, string][] {
  switch (user.role) {
    case 'client':
      return [
        ['suggestions', 'Suggestions'],
        ['intake', 'Check-in'],
        ['bookings', 'Bookings'],
        ['waitlist', 'Waitlist'],
        ['settings', 'Settings'],
      ];
    case 'therapist':
      return [
        ['therapist/start', 'Getting started'],
        ['therapist/agenda', 'Agenda'],
        ['therapist/hours', 'Hours'],
        ['therapist/time-off', 'Time off'],
        ['therapist/profile', 'Profile'],
        ['settings', 'Account'],
      ];
    case 'admin':
      return [
        ['admin/flags', 'Flags'],
        ['admin/certifications', 'Certifications'],
        ['admin/offerings', 'Offerings'],
        ['admin/locations', 'Locations'],
        ['admin/outbox', 'Outbox'],
        ['admin/audit', 'Audit log'],
        ['settings', 'Account'],
      ];
  }
}

function Redirect({ to }: { to: string }) {
  useEffect(() => redirect(to), [to]);
  return null;
}

const weekOf = (route: Route) => Number.parseInt(route.params.get('week') ?? '0', 10) || 0;

/** The screen for a route, or a redirect home when the route is not this role's. */
function screen(route: Route, user: User): ReactNode {
  const [first, second, third] = route.segments;
  const path = route.segments.join('/');
  if (path === 'settings') return <Settings />;
  if (user.role === 'client') {
    if (path === 'intake') {
      return <IntakeForm step={(Number.parseInt(route.params.get('step') ?? '1', 10) || 1) - 1} />;
    }
    if (path === 'suggestions') return <LatestSuggestions />;
    if (first === 'intake' && second && !third) return <IntakeResult intakeId={second} />;
    if (first === 'book' && second && !third) {
      return (
        <BookSlot
          therapistId={second}
          technique={route.params.get('technique') ?? ''}
          offeringId={route.params.get('offering') ?? undefined}
          intakeId={route.params.get('intake') ?? undefined}
          slot={route.params.get('slot') ?? undefined}
          page={Number.parseInt(route.params.get('page') ?? '0', 10) || 0}
          day={route.params.get('day') ?? undefined}
          move={route.params.get('move') ?? undefined}
        />
      );
    }
    if (path === 'bookings') {
      const show = route.params.get('show');
      const view = isBookingsView(show) ? show : 'upcoming';
      return <MyBookings key={view} view={view} />;
    }
    if (first === 'bookings' && second && !third) {
      const just = route.params.has('moved')
        ? 'moved'
        : route.params.has('booked')
          ? 'booked'
          : undefined;
      return <BookingPage bookingId={second} just={just} />;
    }
    if (path === 'waitlist') return <Waitlist highlight={route.params.get('offer') ?? undefined} />;
  }
  if (user.role === 'therapist') {
    if (path === 'therapist/start') return <TherapistStart />;
    if (path === 'therapist/agenda') return <TherapistAgenda week={weekOf(route)} />;
    if (path === 'therapist/hours') return <TherapistHours />;
    if (path === 'therapist/time-off') return <TimeOff />;
    if (path === 'therapist/profile') return <TherapistProfile />;
  }
  if (user.role === 'admin') {
    if (path === 'admin/flags') return <AdminFlags />;
    if (path === 'admin/certifications') {
      return <AdminCertifications show={route.params.get('show')} />;
    }
    if (path === 'admin/offerings') return <AdminOfferings />;
    if (path === 'admin/locations') return <AdminLocations />;
    if (first === 'admin' && second === 'locations' && third && route.segments[3] === 'day') {
      return <AdminLocationDay locationId={third} date={route.params.get('date') ?? undefined} />;
    }
    if (path === 'admin/outbox') return <AdminOutbox show={route.params.get('show')} />;
    if (path === 'admin/audit') return <AdminAudit />;
  }
  return <Redirect to={HOME[user.role]} />;
}

/** The spa's own pages, shown alike to everyone (the server renders the home before any session). */
const isPublic = (route: Route) =>
  route.segments.length === 0 ||
  (route.segments[0] === 'therapists' && route.segments.length === 2);

/**
 * Screens for anyone, signed in or not: the spa's public pages, and links from emails (or the
 * first run's log).
 */
function linkScreen(
  route: Route,
  onVerified: () => void,
  onSignedIn: (auth: Schemas['AuthResponse']) => void,
): ReactNode {
  const path = route.segments.join('/');
  const second = route.segments[1];
  if (isPublic(route)) return second ? <TherapistPage therapistId={second} /> : <Home />;
  const linkToken = route.params.get('token') ?? '';
  if (path === 'forgot-password') return <ForgotPassword />;
  if (path === 'reset-password') return <ResetPassword token={linkToken} />;
  if (path === 'verify-email') return <VerifyEmail token={linkToken} onVerified={onVerified} />;
  if (path === 'setup') return <Setup token={linkToken} onSignedIn={onSignedIn} />;
  return null;
}

export function App() {
  const route = useHashRoute();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const main = useRef<HTMLElement>(null);

  const signedIn = useCallback((auth: Schemas['AuthResponse'], goHome: boolean) => {
    token.set(auth);
    setState({ status: 'signed-in', user: auth.user });
    if (goHome) navigate(HOME[auth.user.role]);
  }, []);

  // A reload keeps no token: the refresh cookie brings the session back, silently.
  useEffect(() => {
    onSessionExpired(() => setState({ status: 'expired' }));
    void refreshSession().then((auth) =>
      auth ? signedIn(auth, false) : setState({ status: 'signed-out' }),
    );
  }, [signedIn]);

  /** The account as it is now (after the address was confirmed, the name changed). */
  const reloadUser = useCallback(async () => {
    const user = await answer(client.GET('/api/v1/me')).catch(() => null);
    if (user) setState({ status: 'signed-in', user });
  }, []);

  const session = useMemo<Session | null>(
    () =>
      state.status === 'signed-in'
        ? {
            user: state.user,
            reload: () => void reloadUser(),
            signOut: () => {
              void client.POST('/api/v1/auth/logout', { body: {} }).finally(() => {
                token.clear();
                setState({ status: 'signed-out' });
                navigate(href('signin'));
              });
            },
            signedOut: () => {
              token.clear();
              setState({ status: 'signed-out' });
            },
          }
        : null,
    [state, reloadUser],
  );

  // A new screen: move focus to it, so keyboard and screen-reader users start at its top.
  const path = route.segments.join('/');
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [path]);

  // After signing in again, an expired session resumes where it was; a new one starts at home.
  const resume = state.status === 'expired';
  const onSignedIn = (auth: Schemas['AuthResponse']) => signedIn(auth, !resume);
  // Screens reached from an email's link are for anyone: the link's token is all they need.
  const linked = linkScreen(route, reloadUser, (auth) => signedIn(auth, true));
  let content: ReactNode;
  if (linked) content = linked;
  else if (state.status === 'loading') content = <Loading what="your account" />;
  else if (!session)
    content =
      path === 'signup' ? (
        <SignUp onSignedIn={onSignedIn} />
      ) : (
        <SignIn onSignedIn={onSignedIn} expired={resume} />
      );
  else if (path === 'signin' || path === 'signup')
    content = <Redirect to={HOME[session.user.role]} />;
  else content = screen(route, session.user);

  return (
    <SessionContext.Provider value={session}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href={href('')}>
          <span aria-hidden="true">◎</span> Unknot
        </a>
        {(state.status === 'signed-out' || (state.status === 'loading' && isPublic(route))) && (
          <nav aria-label="Account" className="visitor-nav">
            <a href={href('signin')} aria-current={path === 'signin' ? 'page' : undefined}>
              Sign in
            </a>
            <CheckInLink className="button header-cta" />
          </nav>
        )}
        {session && (
          <>
            <nav aria-label="Main">
              <ul>
                {navItems(session.user).map(([to, label]) => (
                  <li key={to}>
                    <a href={href(to)} aria-current={to === path ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="account">
              <span>
                {session.user.name} <span className="role">({session.user.role})</span>
              </span>
              <button type="button" className="link-button" onClick={session.signOut}>
                Sign out
              </button>
            </div>
          </>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>{content}</Suspense>
      </main>
    </SessionContext.Provider>
  );
}
