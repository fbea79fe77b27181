import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';

/**
 * The private answer to `/rally privacy`: the short version of docs/PRIVACY.md, which it follows
 * sentence by sentence, and a link to the whole when Rally has a public address.
 */
export function buildPrivacySummary(input: {
  minAnonymous: number;
  privacyUrl: string | undefined;
}): MessageContent {
  const points = [
    '*Coworkers and managers* see only what Rally posts: anonymous counts appear once at least ' +
      `${input.minAnonymous} people acted, and change on a clock, two acts or more at a time, never right after your click.`,
    '*Organizers* see named signatures (to deliver the letter) and counts. Never who signed, voted or pledged anonymously, who did not vote, or who answered a counts-only event.',
    '*Whoever runs Rally* could check, while a letter, poll, donation prompt or counts-only event is open, whether a given person took part (and in a poll, how). When it closes, its key and every code are erased, in Redis and in its files, and nobody can tell any more. Backups taken while it was open are the exception.',
    '*The workspace owner* can export messages: Rally sends no direct message that would tell a choice unless you ask for one (an event’s reminders), and asks for no permission to read your messages.',
    '*Slack itself* sees every click, as for any app.',
    'Named signatures show your Slack profile name, never a typed one. `/rally forget me` removes what Rally holds under your ID.',
  ];
  const more = input.privacyUrl
    ? `The whole document: <${input.privacyUrl}|How Rally protects people>.`
    : 'The whole document is `docs/PRIVACY.md` in Rally’s source; ask whoever runs Rally.';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Who can learn what in Rally*' } },
    ...points.map((text): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: `• ${text}` } })),
    { type: 'context', elements: [{ type: 'mrkdwn', text: more }] },
  ];
  return { text: `Who can learn what in Rally. ${points.join(' ').replace(/\*/g, '')}`, blocks };
}
