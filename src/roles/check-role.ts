import type { MessageContent } from '../slack/blocks/messages.js';
import { buildRoleRefusal } from './blocks/refusal.js';
import type { Roles } from './roles.js';

/** Who may take a path: a command (in the catalog), a button or a form (in the registration list). */
export type Audience = 'anyone' | 'organizers' | 'owners';

export type RoleCheck =
  | { allowed: true }
  /** `title` heads the refusal where it replaces a form. */
  | { allowed: false; title: string; refusal: MessageContent };

/**
 * The one role check: every organizer-only and owner-only path asks it, and refuses with the answer it
 * gives. `what` completes the refusal's "Only organizers can ...".
 */
export async function checkRole(
  roles: Roles,
  audience: Audience,
  userId: string,
  what: string,
): Promise<RoleCheck> {
  if (audience === 'anyone') return { allowed: true };
  const allowed = audience === 'owners' ? await roles.isOwner(userId) : await roles.isOrganizer(userId);
  if (allowed) return { allowed: true };
  return {
    allowed: false,
    title: audience === 'owners' ? 'Owners only' : 'Organizers only',
    refusal: buildRoleRefusal(audience, what, roles.listedOwners),
  };
}
