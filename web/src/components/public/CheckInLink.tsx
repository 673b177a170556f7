import { useContext } from 'react';
import { href } from '../../router';
import { SessionContext } from '../../session';

/**
 * The public pages' call to action: a visitor signs up (or in) first, then checks in; a client
 * goes straight to the check-in. Therapists and admins book nothing, so they see none.
 */
export function CheckInLink({ className = 'button primary' }: { className?: string }) {
  const session = useContext(SessionContext);
  if (session && session.user.role !== 'client') return null;
  return (
    <a className={className} href={href(session ? 'intake' : 'signup')}>
      Check in and book
    </a>
  );
}
