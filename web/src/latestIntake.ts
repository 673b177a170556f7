import { answer, asApiError, client, type Schemas } from './api/client';
import { useResource } from './hooks';

type Intake = Schemas['IntakeResponse'];

/** The client's newest check-in, from the server (so on any device), or null before the first. */
export async function loadLatestIntake(): Promise<Intake | null> {
  try {
    return await answer(client.GET('/api/v1/intakes/latest'));
  } catch (error) {
    if (asApiError(error).status === 404) return null;
    throw error;
  }
}

/** The newest check-in's id, once read (undefined while loading, null when there is none). */
export function useLatestIntakeId(): string | null | undefined {
  const latest = useResource(loadLatestIntake, []);
  return latest.data === undefined ? undefined : (latest.data?.id ?? null);
}
