import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { organizerActions } from '../../slack/ids.js';
import type { OrganizerChange } from '../change.js';

/** Organizers shown with their own Remove button; a Slack message holds at most 50 blocks. */
export const organizersWithButtons = 40;

export interface OrganizerListInput {
  /** The owners named in `RALLY_ORGANIZERS`; empty when the workspace's owners and admins are Rally's. */
  listedOwners: readonly string[];
  /** The people owners added. */
  organizers: readonly string[];
  /** The viewer is an owner: the list offers the picker and the Remove buttons. */
  canChange: boolean;
  /** What the viewer's last change did, shown first. */
  change?: OrganizerChange | undefined;
}

const mention = (userId: string) => `<@${userId}>`;

/** People named in one text, as mentions, with the rest counted: keeps a section within Slack's 3,000 characters. */
function mentions(userIds: readonly string[], max = 150): string {
  const named = userIds.slice(0, max).map(mention).join(', ');
  return userIds.length > max ? `${named} and ${userIds.length - max} more` : named;
}

/** What an owner's change did, in a sentence. */
export function describeChange({ outcome, userId }: OrganizerChange): string {
  const who = mention(userId);
  switch (outcome) {
    case 'added':
      return `:white_check_mark: ${who} is now an organizer.`;
    case 'already':
      return `${who} is already an organizer.`;
    case 'owner':
      return `${who} is an owner of this Rally, and owners are always organizers.`;
    case 'bot':
      return `:no_entry: ${who} is a bot or an app: only people can be organizers.`;
    case 'other-organization':
      return `:no_entry: ${who} belongs to another organization (they reach this workspace through a shared channel): only members of this workspace can be organizers.`;
    case 'deactivated':
      return `:no_entry: ${who}'s account is deactivated: only active members can be organizers.`;
    case 'unknown':
      return ':no_entry: Slack knows no such person, so nobody was added.';
    case 'slack-unavailable':
      return ':warning: Slack did not say who that is, so nobody was added. Please try again in a moment.';
    case 'removed':
      return `${who} is no longer an organizer.`;
    case 'removed-still-owner':
      return `${who} is off the list, but stays an organizer as an owner of this Rally.`;
    case 'not-listed':
      return `${who} was not on the list of organizers.`;
  }
}

function ownersText(listedOwners: readonly string[]): string {
  return listedOwners.length > 0
    ? `*Owners of this Rally*\n${mentions(listedOwners)}. Whoever runs Rally names them in \`RALLY_ORGANIZERS\`. Owners are always organizers, and add or remove the others.`
    : '*Owners of this Rally*\nThe owners and admins of this workspace, as `RALLY_ORGANIZERS` names nobody. Owners are always organizers, and add or remove the others.';
}

/** The private answer to `/rally organizers`: the owners, the organizers and, for owners, how to change them. */
export function buildOrganizerList(input: OrganizerListInput): MessageContent {
  const { organizers, canChange } = input;
  const blocks: KnownBlock[] = [];
  if (input.change) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: describeChange(input.change) } });
    blocks.push({ type: 'divider' });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: ownersText(input.listedOwners) } });
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text:
        organizers.length > 0
          ? `*Organizers added by owners* (${organizers.length})`
          : `*Organizers added by owners*\nNobody yet.${canChange ? ' Pick someone below to add them.' : ''}`,
    },
  });
  for (const userId of organizers.slice(0, organizersWithButtons)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: mention(userId) },
      ...(canChange
        ? {
            accessory: {
              type: 'button',
              action_id: organizerActions.remove,
              text: { type: 'plain_text', text: 'Remove' },
              value: userId,
            },
          }
        : {}),
    });
  }
  const rest = organizers.slice(organizersWithButtons);
  if (rest.length > 0) {
    const note = canChange ? ' (remove some of those above to get a Remove button for these)' : '';
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `And${note}: ${mentions(rest)}` },
    });
  }
  if (canChange) {
    blocks.push({
      type: 'actions',
      block_id: organizerActions.add,
      elements: [
        {
          type: 'users_select',
          action_id: organizerActions.add,
          placeholder: { type: 'plain_text', text: 'Add an organizer…' },
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Organizers write and post letters and articles, export the named signatures, close letters, manage the nonprofits, and set digests and donation prompts. Organizers and owners can see this list; only owners change it. Only you can see this message.`,
      },
    ],
  });
  const text = [
    input.change ? describeChange(input.change) : '',
    input.listedOwners.length > 0
      ? `Owners of this Rally: ${mentions(input.listedOwners)}.`
      : 'Owners of this Rally: the owners and admins of this workspace.',
    organizers.length > 0
      ? `Organizers added by owners: ${mentions(organizers)}.`
      : 'No organizers added by owners yet.',
  ]
    .filter(Boolean)
    .join(' ');
  return { text, blocks };
}
