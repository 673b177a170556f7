export const ROLES = ['client', 'therapist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as proven by the access token. */
export interface AuthUser {
  id: string;
  role: Role;
}
