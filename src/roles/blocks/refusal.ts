import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';

/** Owners named in a refusal before the rest are counted. */
const ownersNamed = 5;

/** `<@U1>, <@U2> and 3 more`: the owners, as Slack shows people, to the person refused. */
function nameOwners(owners: readonly string[]): string {
  const named = owners.slice(0, ownersNamed).map((id) => `<@${id}>`);
  const more = owners.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/**
 * The one private answer to someone without the role a path asks for, saying who can grant it. `what`
 * completes "Only organizers can ...", as in `export the signatures`.
 */
export function buildRoleRefusal(
  role: 'organizers' | 'owners',
  what: string,
  listedOwners: readonly string[],
): MessageContent {
  if (role === 'owners') {
    return buildNotice(
      listedOwners.length > 0
        ? `Only owners of this Rally can ${what}. They are ${nameOwners(listedOwners)}, named by whoever runs Rally.`
        : `Only owners of this Rally can ${what}: the owners and admins of this workspace.`,
    );
  }
  const grantors =
    listedOwners.length > 0
      ? `an owner of this Rally (${nameOwners(listedOwners)})`
      : 'an owner or admin of this workspace';
  return buildNotice(`Only organizers can ${what}. Ask ${grantors} to add you with /rally organizers.`);
}
