import type { EntityManager } from 'typeorm';
import type { Role } from '../auth/auth-user.js';

/** The person whose data is exported or erased (GDPR Art. 15, 17, 20). */
export interface DataSubject {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** What is left where the name stood ("Former client"): others' records keep the session. */
  placeholderName: string;
  /** Every booking the person is a party to (messages about them are found by these). */
  bookingIds: string[];
}

/**
 * A module's part of an export or an erasure, over the tables it owns. `exportOf` answers named
 * sections of plain records (no secret, no other person's data); `erase` runs in the erasure's
 * transaction and leaves no name, address or free text of the person in those tables.
 */
export interface PersonalDataHolder {
  exportOf(manager: EntityManager, subject: DataSubject): Promise<Record<string, unknown>>;
  erase(manager: EntityManager, subject: DataSubject): Promise<void>;
}

/** Rows as export records: camelCase keys, in the API's convention. */
export function asRecords(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()),
        value,
      ]),
    ),
  );
}
