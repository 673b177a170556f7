// The signal that a therapist's time came free, sent as a job by whatever freed it (a cancellation,
// a reschedule, time off removed, hours changed, an offer that ended) in its own transaction; the
// waitlist works it. Plain: the modules that free time import no waitlist code.
import type { QueuedJob } from '../jobs/job-insert.js';

export const FREED_TIME_QUEUE = 'waitlist-freed-time';

/** ISO instants: jobs are JSON. */
export interface FreedTime {
  therapistId: string;
  from: string;
  to: string;
}

export const freedTimeJob = (therapistId: string, from: Date, to: Date): QueuedJob => ({
  queue: FREED_TIME_QUEUE,
  data: { therapistId, from: from.toISOString(), to: to.toISOString() } satisfies FreedTime,
});
