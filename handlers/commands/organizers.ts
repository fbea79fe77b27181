import type { RallyContext } from '../../src/context.js';
import { listOrganizers } from '../../src/roles/list-organizers.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally organizers` (organizers): the owners and organizers; owners also get the picker and Remove buttons. */
export function createOrganizersSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (_args, { command, ack }) => {
    await ack(privately(await listOrganizers(ctx, command.user_id)));
  };
}
