import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { buildDigest, digestHasNews } from './blocks/digest.js';
import { type CollectDeps, collectDigest } from './collect-digest.js';
import { type DigestScheduleDeps, stopDigest } from './stop-digest.js';

/** Slack errors that mean the channel is gone for Rally: its digest is turned off. */
const goneChannel = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'account_inactive']);

/**
 * Posts a channel's digest through the delivery path, named by this run, so a retried run that already
 * posted does not post again. A quiet channel gets nothing when nothing is new. A channel Slack says is
 * gone has its digest turned off.
 */
export async function postDigest(
  deps: DeliveryDeps & CollectDeps & DigestScheduleDeps,
  channel: string,
  runId: string,
): Promise<void> {
  const state = await deps.digests.get(channel);
  const { data, donationActivity, signatures } = await collectDigest(deps, channel, state.lastAt);
  if (!digestHasNews(data) && state.quiet) return;
  const sent = await deliver(deps, {
    id: deliveryIds.digest(channel, runId),
    channel,
    ...buildDigest(data),
    ifUnsure: 'retry',
  });
  if (!sent.ok) {
    if (goneChannel.has(sent.reason)) {
      await stopDigest(deps, channel);
      deps.logger.warn({ channel, reason: sent.reason }, 'digest turned off: channel gone');
    }
    return;
  }
  if (!sent.repeated) {
    await deps.digests.markSent(channel, Date.now(), signatures, donationActivity);
  }
}
