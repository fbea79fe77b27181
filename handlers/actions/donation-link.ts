import type { RallyContext } from '../../src/context.js';
import { countLinkClick } from '../../src/donations/count-link-click.js';
import type { ButtonArgs } from '../types.js';

/**
 * A nonprofit's link button: the browser opens the page, and Slack sends the click, which is counted
 * for that nonprofit as a number only. Who clicked is neither stored nor logged.
 */
export function createDonationLinkAction(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'donation-link' });
  return async ({ ack, action }: ButtonArgs): Promise<void> => {
    await ack();
    if (!(await countLinkClick(ctx, action.value)))
      logger.warn('donation link click with an unreadable value ignored');
  };
}
