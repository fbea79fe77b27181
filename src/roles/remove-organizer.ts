import type { OrganizerChange } from './change.js';
import type { RoleDeps } from './deps.js';

/**
 * An owner pressed Remove on an organizer (the registration list lets only owners through). Every process
 * refuses them from the next check on, as each check reads the list in Redis.
 */
export async function removeOrganizer(
  deps: Pick<RoleDeps, 'roles' | 'organizers'>,
  userId: string,
): Promise<OrganizerChange> {
  if (!(await deps.organizers.remove(userId))) return { outcome: 'not-listed', userId };
  const stillOwner = await deps.roles.isOwner(userId);
  return { outcome: stillOwner ? 'removed-still-owner' : 'removed', userId };
}
