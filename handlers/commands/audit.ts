import { showAudit } from '../../src/audit/show-audit.js';
import type { RallyContext } from '../../src/context.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally audit` (organizers): the newest page of what organizers did, only for them. */
export function createAuditSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { ack }) => {
    await ack(privately(await showAudit(ctx)));
  };
}
