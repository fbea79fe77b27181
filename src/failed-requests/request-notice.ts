import type { Logger } from '../logger.js';
import { jobSchemas, type QueueName } from '../queues/contracts.js';
import { jobIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { isRequestQueue, requesterOf } from './requester.js';

/** A job that failed for good, as the worker saw it end. */
export interface FailedJob {
  queue: QueueName;
  jobId: string;
  data: unknown;
  /** Slack's error code when Slack refused the job's work for good. */
  slackRefusal?: string | undefined;
}

/**
 * Asks for the person who requested a job's work to be told that it failed for good (a job of its own,
 * retried like any other, since Slack may be what failed). Nothing for jobs nobody asked for. Once per
 * failed job, whichever process saw it fail. The notice's record names the person, so it goes when the
 * notice is sent.
 */
export async function requestFailureNotice(
  deps: { queues: Queues; logger: Logger },
  failed: FailedJob,
): Promise<void> {
  if (!isRequestQueue(failed.queue)) return;
  const parsed = jobSchemas[failed.queue].safeParse(failed.data);
  const to = parsed.success ? requesterOf(failed.queue, parsed.data) : undefined;
  if (!to) return;
  // Slack's error codes are short snake_case words; anything else is left out rather than lose the notice.
  const refusal =
    failed.slackRefusal && /^[a-z0-9_]{1,80}$/.test(failed.slackRefusal) ? failed.slackRefusal : '';
  await deps.queues.enqueue(
    'request-failed',
    { queue: failed.queue, ...to, ...(refusal ? { slackRefusal: refusal } : {}) },
    {
      jobId: jobIds.requestFailed(failed.queue, failed.jobId),
      removeOnComplete: true,
      removeOnFail: true,
    },
  );
  deps.logger.info({ queue: failed.queue }, 'request failed for good: its requester will be told');
}
