import { createContext, useContext } from 'react';
import type { Schemas } from './api/client';

export interface Session {
  user: Schemas['UserResponse'];
  /** Reads the account again (after a change to it). */
  reload: () => void;
  /** Signs out here and on the server. */
  signOut: () => void;
  /** The account is gone (erased): forget the session without asking the server. */
  signedOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; screens behind sign-in only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a signed-in user');
  return session;
}
