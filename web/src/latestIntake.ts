/** The API has no "my intakes" list, so each browser remembers the client's latest intake id. */
const key = (userId: string) => `unknot.latestIntake.${userId}`;

export const latestIntake = {
  get: (userId: string): string | null => localStorage.getItem(key(userId)),
  set: (userId: string, intakeId: string) => localStorage.setItem(key(userId), intakeId),
};
