import { recordOrganizerAction } from '../audit/record-action.js';
import { readWorkspaceMember } from '../slack/workspace-member.js';
import type { OrganizerChange } from './change.js';
import type { RoleDeps } from './deps.js';

/**
 * An owner picked someone to make an organizer (the registration list lets only owners through). Only an
 * active person of this workspace can be one: a bot, an app or someone from another organization (Slack
 * Connect) is refused, and an owner already is one.
 */
export async function addOrganizer(
  deps: RoleDeps,
  request: { userId: string; workspaceTeamId: string; actor: string },
): Promise<OrganizerChange> {
  const { userId } = request;
  const change = (outcome: OrganizerChange['outcome']): OrganizerChange => ({ outcome, userId });
  let member: Awaited<ReturnType<typeof readWorkspaceMember>>;
  try {
    member = await readWorkspaceMember(deps.slack, userId);
  } catch {
    return change('slack-unavailable');
  }
  if (!member) return change('unknown');
  if (member.isBot) return change('bot');
  if (member.teamId !== request.workspaceTeamId) return change('other-organization');
  if (member.deleted) return change('deactivated');
  if (await deps.roles.isOwner(userId)) return change('owner');
  if (!(await deps.organizers.add(userId))) return change('already');
  await recordOrganizerAction(deps, { actor: request.actor, action: 'added-organizer', person: userId });
  return change('added');
}
