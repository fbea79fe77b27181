import { buildNotice, type MessageContent } from '../slack/blocks/messages.js';
import { buildRoleRefusal } from './blocks/refusal.js';
import type { Roles } from './roles.js';

/** Who may take a path: a command (in the catalog), a button or a form (in the registration list). */
export type Audience = 'anyone' | 'organizers' | 'owners';

export type RoleCheck =
  | { allowed: true }
  /** `title` heads the refusal where it replaces a form; the refusal also says when the role could not be checked. */
  | { allowed: false; title: string; refusal: MessageContent };

/** The answer when Rally could not tell whether someone holds the role. */
export const roleUnknownMessage = buildNotice(
  ':warning: Rally could not check who may do that just now, so nothing happened. Please try again in a moment.',
);

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
  let allowed: boolean;
  try {
    allowed = audience === 'owners' ? await roles.isOwner(userId) : await roles.isOrganizer(userId);
  } catch {
    // Redis did not answer (`roles` logged it): nobody is let through, and nobody is told they lack a role.
    return { allowed: false, title: 'Not now', refusal: roleUnknownMessage };
  }
  if (allowed) return { allowed: true };
  return {
    allowed: false,
    title: audience === 'owners' ? 'Owners only' : 'Organizers only',
    refusal: buildRoleRefusal(audience, what, roles.listedOwners),
  };
}
