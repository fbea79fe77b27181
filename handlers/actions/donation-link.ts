import type { RallyContext } from '../../src/context.js';
import { requestDonationRefresh } from '../../src/delivery/redraw.js';
import type { ButtonArgs } from '../types.js';

const linkValue = /^([A-Za-z0-9_-]{6,64}):(\d{1,2})$/;

/**
 * A nonprofit's link button: the browser opens the page, and Slack sends the click, which is counted
 * for that nonprofit as a number only. Who clicked is neither stored nor logged.
 */
export function createDonationLinkAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'donation-link' });
  return async ({ ack, action }: ButtonArgs): Promise<void> => {
    await ack();
    const match = linkValue.exec(action.value ?? '');
    const index = Number(match?.[2]);
    if (!match?.[1] || index >= ctx.campaign.donations.length) {
      logger.warn('donation link click with an unreadable value ignored');
      return;
    }
    if (await ctx.donations.countClick(match[1], index)) await requestDonationRefresh(ctx.queues, match[1]);
  };
}
