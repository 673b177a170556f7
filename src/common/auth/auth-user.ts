export const ROLES = ['client', 'therapist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller: the access token names the user and session; the role is read from the database. */
export interface AuthUser {
  id: string;
  role: Role;
  sessionId: string;
}
