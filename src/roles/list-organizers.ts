import type { MessageContent } from '../slack/blocks/messages.js';
import { buildOrganizerList } from './blocks/organizer-list.js';
import type { OrganizerChange } from './change.js';
import type { RoleDeps } from './deps.js';

/**
 * `/rally organizers`: the owners and organizers, for an organizer or an owner (the catalog refuses anyone
 * else); an owner also gets the picker and the Remove buttons. `change` is what their last change did.
 */
export async function listOrganizers(
  deps: Pick<RoleDeps, 'roles' | 'organizers'>,
  viewerId: string,
  change?: OrganizerChange,
): Promise<MessageContent> {
  const [organizers, canChange] = await Promise.all([deps.organizers.list(), deps.roles.isOwner(viewerId)]);
  return buildOrganizerList({ listedOwners: deps.roles.listedOwners, organizers, canChange, change });
}
