import type { RallyContext } from '../../src/context.js';
import { privacyUrl } from '../../src/http/privacy-page.js';
import { buildPrivacySummary } from '../../src/people/blocks/privacy-summary.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally privacy`: who can learn what, privately. */
export function createPrivacySubcommand(ctx: RallyContext): SubcommandHandler {
  const summary = buildPrivacySummary({
    minAnonymous: ctx.config.minAnonymous,
    privacyUrl: privacyUrl(ctx.config.publicUrl),
  });
  return async (_args, { ack }) => {
    await ack(privately(summary));
  };
}
