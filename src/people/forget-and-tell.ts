import type { DeliveryDeps } from '../delivery/deps.js';
import { updateModalView } from '../delivery/modal-view.js';
import { notifyPrivately } from '../delivery/notify.js';
import { type PublishHomeDeps, publishHome } from '../home/publish-home.js';
import type { JobData } from '../queues/contracts.js';
import { buildNoticeModal } from '../slack/blocks/modals.js';
import { buildForgetReport } from './blocks/forget-report.js';
import { type ForgetDeps, type ForgetReport, forgetPerson } from './forget-person.js';

/** Whether a report names an act that may have been anonymous: a direct message must not carry it. */
const namesAnonymousActs = (report: ForgetReport): boolean =>
  report.signatures.some((kind) => kind !== 'named') ||
  report.votes > 0 ||
  report.pledges > 0 ||
  (report.eventAnswers ?? 0) > 0;

/**
 * `/rally forget me`, or **Forget me** on the Home tab: removes what Rally holds under the person, publishes
 * their Home tab again (so that it no longer shows a signature with their name or their reminders), and
 * tells them what went: in the modal they confirmed in when they asked from the Home tab, which has no
 * response_url, else through the command's response_url. A direct message stays in the workspace's
 * exports, so one is sent instead only when the report names no act that may have been anonymous (an
 * anonymous or conditional signature, a vote, a pledge, an answer to an event); otherwise, like a closed
 * modal, it gets nothing.
 */
export async function forgetAndTell(
  deps: ForgetDeps & DeliveryDeps & PublishHomeDeps,
  request: JobData<'forget'>,
  deliveryId: string,
): Promise<void> {
  const forgotten = await forgetPerson(deps, request.teamId, request.userId);
  const report = buildForgetReport(forgotten);
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
  const to = {
    userId: request.userId,
    responseUrl: request.responseUrl,
    directMessage: !namesAnonymousActs(forgotten),
  };
  await notifyPrivately(deps, to, report, deliveryId);
}
