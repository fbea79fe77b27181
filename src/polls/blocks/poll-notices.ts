import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';

/** The private confirmation of a vote: what Rally now holds for the voter, and nothing about anyone else. */
export function buildVoteConfirmation(
  options: readonly string[],
  selection: readonly number[],
  anonymous: boolean,
): MessageContent {
  const chosen = selection.map((i) => `*${escapeMrkdwn(options[i] ?? '')}*`);
  const held =
    chosen.length === 0
      ? 'You have no vote in this poll now.'
      : `Your vote: ${chosen.join(', ')}. Press an option again to take it back.`;
  const privacy = anonymous
    ? ' This poll is anonymous: coworkers and organizers cannot see your vote, and once it closes nobody can tell how you voted.'
    : '';
  return buildNotice(`${held}${privacy}`);
}

/** Why a vote was not taken. */
export function buildVoteRefusal(reason: 'closed' | 'unknown-poll' | 'bad-option'): MessageContent {
  return buildNotice(
    reason === 'closed'
      ? 'This poll is closed: votes are no longer taken.'
      : 'I could not find that poll or option.',
  );
}

/** Told privately to someone who reacted to an anonymous poll. */
export const reactionNotCounted = buildNotice(
  'Reactions are not counted on an anonymous poll, because everyone can see who reacted. Vote with the buttons instead, and consider removing your reaction.',
);

/** Told privately to someone who reacted to a poll in a channel shared with another organization. */
export const reactionNotCountedShared = buildNotice(
  'In a channel shared with another organization, reactions are not counted as votes: vote with the buttons instead.',
);

/** Told privately to someone from another organization who pressed a vote button. */
export const voteFromOtherOrganization = buildNotice(
  'Only members of this workspace can vote in its Rally polls.',
);

/**
 * Told privately when a vote could not be stored (Redis refused it or was away). It does not say that
 * nothing changed: a vote on its way when Redis went away may have been stored. Pressing again tells.
 */
export const voteFailed = buildNotice(
  'Your vote could not be confirmed just now. Please press your choice again in a moment: Rally will then tell you which vote it holds for you.',
);
