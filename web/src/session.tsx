import { createContext, useContext } from 'react';
import type { Schemas } from './api/client';

export interface Session {
  user: Schemas['UserResponse'];
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; screens behind sign-in only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a signed-in user');
  return session;
}
