import type { DeliveryDeps } from '../delivery/deps.js';
import { updateModalView } from '../delivery/modal-view.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import { tellReminderNotPosted } from '../reminders/reminder-not-posted.js';
import { buildNoticeModal } from '../slack/blocks/modals.js';
import { buildRequestFailedNotice } from './blocks/failure-notice.js';

/**
 * Tells a person that what they asked for failed for good: in the modal they asked from when it is still
 * open, else through the response_url of their request (valid 30 minutes), else in a direct message when
 * one may be sent; otherwise nobody can be told, and the failure stays in the logs. A reminder's creator
 * hears that it did not go out (see `reminders/reminder-not-posted.ts`).
 */
export async function tellRequesterItFailed(
  deps: DeliveryDeps & ReminderDeps,
  job: JobData<'request-failed'>,
  deliveryId: string,
): Promise<void> {
  if (job.reminderId) return tellReminderNotPosted(deps, job.reminderId, job.slackRefusal, deliveryId);
  const notice = buildRequestFailedNotice(job.queue, job.slackRefusal);
  if (job.viewId && (await updateModalView(deps, job.viewId, buildNoticeModal('Not finished', notice.text))))
    return;
  const directMessage = job.directMessage && job.userId !== undefined;
  if (!job.responseUrl && !directMessage) {
    deps.logger.warn({ queue: job.queue }, 'request failed for good, and its requester cannot be told');
    return;
  }
  await notifyPrivately(
    deps,
    { userId: job.userId ?? '', responseUrl: job.responseUrl, directMessage },
    notice,
    deliveryId,
  );
}
