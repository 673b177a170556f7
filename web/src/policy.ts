import { answer, client, type Schemas } from './api/client';
import { useResource } from './hooks';

type Policy = Schemas['PolicyResponse'];

let cached: Promise<Policy> | null = null;

/** The spa's booking policy (GET /policy), read once per page. */
export function usePolicy(): Policy | undefined {
  return useResource(() => {
    cached ??= answer(client.GET('/api/v1/policy')).catch((error: unknown) => {
      cached = null;
      throw error;
    });
    return cached;
  }, []).data;
}

/** Whether a session starting at `startsAt` is inside the notice period now. */
export const insideNotice = (startsAt: string, policy: Policy, now = Date.now()): boolean =>
  Date.parse(startsAt) - now < policy.cancellationNoticeHours * 3_600_000;

const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);

/** What a client may do before a session, said before they book. */
export const policySentence = (policy: Policy): string =>
  policy.cancellationNoticeHours === 0
    ? 'You can cancel or move this session online until it starts.'
    : `You can cancel or move this session online until ${hours(policy.cancellationNoticeHours)} before it starts. A later cancellation counts as late, and a later change needs a call to the spa.`;

/** The cancel prompt: whether this cancellation will count as late, before it is made. */
export const cancelQuestion = (startsAt: string, policy: Policy | undefined): string => {
  if (!policy) return 'Cancel this booking?';
  return insideNotice(startsAt, policy)
    ? `Cancel this booking? It starts in less than ${hours(policy.cancellationNoticeHours)}, so this counts as a late cancellation.`
    : 'Cancel this booking? It is early enough: this is not a late cancellation.';
};
