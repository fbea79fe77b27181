import type { DeliveryDeps } from '../delivery/deps.js';
import { updateModalView } from '../delivery/modal-view.js';
import { notifyPrivately } from '../delivery/notify.js';
import { type PublishHomeDeps, publishHome } from '../home/publish-home.js';
import type { JobData } from '../queues/contracts.js';
import { buildNoticeModal } from '../slack/blocks/modals.js';
import { buildForgetReport } from './blocks/forget-report.js';
import { type ForgetDeps, forgetPerson } from './forget-person.js';

/**
 * `/rally forget me`, or **Forget me** on the Home tab: removes what Rally holds under the person, publishes
 * their Home tab again (so that it no longer shows a signature with their name or their reminders), and
 * tells them what went: in the modal they confirmed in when they asked from the Home tab, which has no
 * response_url (a modal they closed gets nothing: a direct message saying what was removed would stay in
 * the workspace's exports), else through the command's response_url or a direct message.
 */
export async function forgetAndTell(
  deps: ForgetDeps & DeliveryDeps & PublishHomeDeps,
  request: JobData<'forget'>,
  deliveryId: string,
): Promise<void> {
  const report = buildForgetReport(await forgetPerson(deps, request.teamId, request.userId));
  try {
    // Unmarked: the record of when their Home was published went with the rest.
    await publishHome(deps, request, { mark: false });
  } catch (err) {
    deps.logger.warn({ err }, 'Home tab not published again after forgetting: it is when next opened');
  }
  if (request.viewId) {
    await updateModalView(deps, request.viewId, buildNoticeModal('Forgotten', report.text));
    return;
  }
  await notifyPrivately(
    deps,
    { userId: request.userId, responseUrl: request.responseUrl },
    report,
    deliveryId,
  );
}
