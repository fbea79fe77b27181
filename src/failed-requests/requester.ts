import { type JobData, type QueueName, requestQueues } from '../queues/contracts.js';
import type { RequesterAddress, RequestQueue } from './model.js';

/** Whether a queue's jobs do something a person asked for. */
export const isRequestQueue = (queue: QueueName): queue is RequestQueue =>
  (requestQueues as readonly string[]).includes(queue);

/** Drops the fields a job did not carry, so that the address holds only what there is. */
function address(to: {
  userId?: string | undefined;
  responseUrl?: string | undefined;
  viewId?: string | undefined;
  directMessage: boolean;
}): RequesterAddress | undefined {
  const { userId, responseUrl, viewId } = to;
  if (!responseUrl && !viewId && !(userId && to.directMessage)) return undefined;
  return {
    ...(userId ? { userId } : {}),
    ...(responseUrl ? { responseUrl } : {}),
    ...(viewId ? { viewId } : {}),
    directMessage: Boolean(userId) && to.directMessage,
  };
}

/**
 * Who asked for a job's work and how to reach them, read from its data; undefined for jobs nobody asked
 * for (a schedule's run, a redraw, a child of a request, whose parent reports) or with no way to answer.
 * A direct message is never the way for what may concern an anonymous act (an anonymous poll's creation or
 * nudge) or for forgetting someone: its existence stays in the workspace's exports.
 */
export function requesterOf(queue: QueueName, data: unknown): RequesterAddress | undefined {
  if (!isRequestQueue(queue)) return undefined;
  switch (queue) {
    case 'poll-create': {
      const job = data as JobData<'poll-create'>;
      return address({
        ...(job.anonymous ? {} : { userId: job.creatorId }),
        responseUrl: job.responseUrl,
        directMessage: !job.anonymous,
      });
    }
    case 'poll-nudge': {
      const job = data as JobData<'poll-nudge'>;
      return address({ userId: job.requestedBy, responseUrl: job.responseUrl, directMessage: true });
    }
    case 'forget': {
      const job = data as JobData<'forget'>;
      return address({ responseUrl: job.responseUrl, viewId: job.viewId, directMessage: false });
    }
    case 'home-holdings': {
      const job = data as JobData<'home-holdings'>;
      return address({ viewId: job.viewId, directMessage: false });
    }
    case 'reminder-fire': {
      const job = data as JobData<'reminder-fire'>;
      return { reminderId: job.reminderId, directMessage: true };
    }
    case 'reminder-schedule': {
      const job = data as JobData<'reminder-schedule'>;
      return address({ responseUrl: job.responseUrl, directMessage: false });
    }
    default: {
      const job = data as { requestedBy?: string; responseUrl?: string };
      return address({ userId: job.requestedBy, responseUrl: job.responseUrl, directMessage: true });
    }
  }
}
