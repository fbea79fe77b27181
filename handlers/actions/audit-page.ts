import { showAudit } from '../../src/audit/show-audit.js';
import type { RallyContext } from '../../src/context.js';
import type { ButtonArgs } from '../types.js';

/** **Newer** / **Older** in the audit (organizers): the page in place of the one shown. */
export function createAuditPageAction(ctx: RallyContext) {
  return async ({ ack, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const offset = Number.parseInt(action.value ?? '0', 10);
    const page = await showAudit(ctx, Number.isFinite(offset) ? offset : 0);
    await respond({ response_type: 'ephemeral', replace_original: true, ...page });
  };
}
