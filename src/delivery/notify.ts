import type { MessageContent } from '../slack/blocks/messages.js';
import { deliver } from './deliver.js';
import type { DeliveryDeps } from './deps.js';

/** Where to tell one person something privately: the command's response_url, else a direct message. */
export interface PrivateAddress {
  userId: string;
  responseUrl?: string | undefined;
  /**
   * False when a direct message would say too much: its existence is in the workspace owner's exports, so
   * a notice about an anonymous poll is dropped rather than sent as a DM (see docs/PRIVACY.md).
   */
  directMessage?: boolean;
}

/**
 * Tells one person something only they see: an ephemeral message through the response_url of the command
 * or button that started the job (valid 30 minutes, 5 uses), or a direct message from Rally when that
 * fails or there is none. `deliveryId` names the direct message, so a retried job sends it once.
 */
export async function notifyPrivately(
  deps: DeliveryDeps,
  to: PrivateAddress,
  content: MessageContent,
  deliveryId: string,
): Promise<void> {
  if (to.responseUrl) {
    const res = await fetch(to.responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...content }),
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    if (res?.ok) return;
    if (to.directMessage === false) {
      deps.logger.info(
        { status: res?.status },
        'response_url refused the message: dropped, no direct message',
      );
      return;
    }
    deps.logger.info({ status: res?.status }, 'response_url refused the message: sending a direct message');
  }
  if (to.directMessage === false) return;
  await deliver(deps, {
    id: deliveryId,
    channel: to.userId,
    text: content.text,
    blocks: content.blocks,
    ifUnsure: 'retry',
  });
}
