import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { answer, client, onUnauthorized, token, type Schemas } from './api/client';

type User = Schemas['UserResponse'];
import { Loading } from './components/Notices';
import { latestIntake } from './latestIntake';
import { href, navigate, redirect, useHashRoute, type Route } from './router';
import { SessionContext, type Session } from './session';
import { AdminAudit } from './screens/AdminAudit';
import { AdminCertifications } from './screens/AdminCertifications';
import { AdminFlags } from './screens/AdminFlags';
import { AdminOfferings } from './screens/AdminOfferings';
import { AdminOutbox } from './screens/AdminOutbox';
import { BookSlot } from './screens/BookSlot';
import { IntakeForm } from './screens/IntakeForm';
import { IntakeResult } from './screens/IntakeResult';
import { MyBookings } from './screens/MyBookings';
import { Settings } from './screens/Settings';
import { SignIn } from './screens/SignIn';
import { SignUp } from './screens/SignUp';
import { TherapistAgenda } from './screens/TherapistAgenda';
import { TherapistHours } from './screens/TherapistHours';
import { TherapistProfile } from './screens/TherapistProfile';
import { TimeOff } from './screens/TimeOff';

type SessionState =
  { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; user: User };

const HOME: Record<User['role'], string> = {
  client: href('intake'),
  therapist: href('therapist/agenda'),
  admin: href('admin/flags'),
};

function navItems(user: User): [string, string][] {
  switch (user.role) {
    case 'client': {
      const latest = latestIntake.get(user.id);
      return [
        ['intake', 'Check-in'],
        ...(latest ? [[`intake/${latest}`, 'Suggestions'] as [string, string]] : []),
        ['bookings', 'Bookings'],
        ['settings', 'Settings'],
      ];
    }
    case 'therapist':
      return [
        ['therapist/agenda', 'Agenda'],
        ['therapist/hours', 'Hours'],
        ['therapist/time-off', 'Time off'],
        ['therapist/profile', 'Profile'],
      ];
    case 'admin':
      return [
        ['admin/flags', 'Flags'],
        ['admin/certifications', 'Certifications'],
        ['admin/offerings', 'Offerings'],
        ['admin/outbox', 'Outbox'],
        ['admin/audit', 'Audit log'],
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
  if (user.role === 'client') {
    // Reminders and the zone session emails use are the client's: a therapist's come from the profile.
    if (path === 'settings') return <Settings />;
    if (path === 'intake') return <IntakeForm />;
    if (first === 'intake' && second && !third) return <IntakeResult intakeId={second} />;
    if (first === 'book' && second && !third) {
      return (
        <BookSlot
          therapistId={second}
          technique={route.params.get('technique') ?? ''}
          offeringId={route.params.get('offering') ?? undefined}
          intakeId={route.params.get('intake') ?? undefined}
          slot={route.params.get('slot') ?? undefined}
          week={weekOf(route)}
        />
      );
    }
    if (path === 'bookings') return <MyBookings />;
  }
  if (user.role === 'therapist') {
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
    if (path === 'admin/outbox') return <AdminOutbox show={route.params.get('show')} />;
    if (path === 'admin/audit') return <AdminAudit />;
  }
  return <Redirect to={HOME[user.role]} />;
}

export function App() {
  const route = useHashRoute();
  const [state, setState] = useState<SessionState>(() =>
    token.get() ? { status: 'loading' } : { status: 'signed-out' },
  );
  const main = useRef<HTMLElement>(null);

  /** Who the token belongs to decides the home screen. */
  const loadUser = useCallback(async (goHome: boolean) => {
    try {
      const user = await answer(client.GET('/api/v1/me'));
      setState({ status: 'signed-in', user });
      if (goHome) navigate(HOME[user.role]);
    } catch {
      token.clear();
      setState({ status: 'signed-out' });
    }
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      token.clear();
      setState({ status: 'signed-out' });
    });
    if (token.get()) void loadUser(false);
  }, [loadUser]);

  const signedIn = useCallback(
    (auth: Schemas['AuthResponse']) => {
      token.set(auth.accessToken);
      void loadUser(true);
    },
    [loadUser],
  );

  const session = useMemo<Session | null>(
    () =>
      state.status === 'signed-in'
        ? {
            user: state.user,
            signOut: () => {
              token.clear();
              setState({ status: 'signed-out' });
              navigate(href('signin'));
            },
          }
        : null,
    [state],
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

  let content: ReactNode;
  if (state.status === 'loading') content = <Loading what="your account" />;
  else if (!session)
    content =
      path === 'signup' ? <SignUp onSignedIn={signedIn} /> : <SignIn onSignedIn={signedIn} />;
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
        <a className="brand" href={session ? HOME[session.user.role] : href('signin')}>
          <span aria-hidden="true">◎</span> Unknot
        </a>
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
        {content}
      </main>
    </SessionContext.Provider>
  );
}
