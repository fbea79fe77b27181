import type { ModalView } from '@slack/types';
import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';

/**
 * Replaces what an open modal shows (`views.update`): how a job answers someone who asked from the Home
 * tab, which has no response_url. A modal the person already closed (`not_found`) or any other permanent
 * refusal is reported as false, and nothing else is sent in its place; a 429 or a network error is left to
 * the job's retries.
 */
export async function updateModalView(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'>,
  viewId: string,
  view: ModalView,
): Promise<boolean> {
  try {
    await deps.slack.views.update({ view_id: viewId, view });
    return true;
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    deps.logger.info({ reason: failure.reason }, 'modal not updated: it was closed or is gone');
    return false;
  }
}
