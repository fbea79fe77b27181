import { recordOrganizerAction } from '../audit/record-action.js';
import type { OrganizerChange } from './change.js';
import type { RoleDeps } from './deps.js';

/**
 * An owner pressed Remove on an organizer (the registration list lets only owners through). Every process
 * refuses them from the next check on, as each check reads the list in Redis.
 */
export async function removeOrganizer(
  deps: Pick<RoleDeps, 'roles' | 'organizers' | 'audit'>,
  request: { userId: string; actor: string },
): Promise<OrganizerChange> {
  const { userId } = request;
  if (!(await deps.organizers.remove(userId))) return { outcome: 'not-listed', userId };
  await recordOrganizerAction(deps, { actor: request.actor, action: 'removed-organizer', person: userId });
  const stillOwner = await deps.roles.isOwner(userId);
  return { outcome: stillOwner ? 'removed-still-owner' : 'removed', userId };
}
