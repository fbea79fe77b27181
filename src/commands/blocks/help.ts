import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import type { Subcommand } from '../catalog.js';

/** A message body Rally sends: blocks, and the plain text Slack shows in notifications and screen readers. */
export interface MessageContent {
  text: string;
  blocks: KnownBlock[];
}

/** A one-section message of mrkdwn, for short notices. */
export function buildNotice(mrkdwn: string): MessageContent {
  return { text: mrkdwn, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } }] };
}

function subcommandLine(sub: Subcommand): string {
  const who = sub.audience === 'organizers' ? ' _Organizers._' : '';
  return `*\`${escapeMrkdwn(sub.usage)}\`*\n${escapeMrkdwn(sub.summary)}${who}\nExample: \`${escapeMrkdwn(sub.example)}\``;
}

/** The section blocks that list every subcommand, shared by the help message and the App Home tab. */
export function buildSubcommandBlocks(subcommands: readonly Subcommand[]): KnownBlock[] {
  return subcommands.map((sub) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: subcommandLine(sub) },
  }));
}

/** The private answer to `/rally help` (and to `/rally` alone), optionally led by a note such as an error. */
export function buildHelpMessage(subcommands: readonly Subcommand[], note?: string): MessageContent {
  const intro =
    'Rally helps coworkers organize: post the campaign, sign the letter, vote, give, and keep each other on time. Most of it works by clicking and reacting; these are the commands.';
  const blocks: KnownBlock[] = [];
  if (note) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: note } }, { type: 'divider' });
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    ...buildSubcommandBlocks(subcommands),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Only you can see this message. Quotes can be straight or curly.' }],
    },
  );
  const text = [note, 'Rally commands:', ...subcommands.map((s) => `${s.usage}: ${s.summary}`)]
    .filter(Boolean)
    .join('\n');
  return { text, blocks };
}

/** The private answer to a subcommand Rally does not know. */
export function buildUnknownCommandMessage(word: string, subcommands: readonly Subcommand[]): MessageContent {
  const shown = (word.length > 40 ? `${word.slice(0, 40)}…` : word).replace(/`/g, "'");
  return buildHelpMessage(
    subcommands,
    `:warning: I don't know the command \`${escapeMrkdwn(shown)}\`. Here is what Rally understands:`,
  );
}

/** The private answer to command text Rally could not read, such as an unclosed quote. */
export function buildCommandErrorMessage(problem: string, rightForm: string): MessageContent {
  const text = `:warning: ${escapeMrkdwn(problem)}\nThe right form is: \`${escapeMrkdwn(rightForm)}\``;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The private answer to someone who is not an organizer running an organizer command. */
export function buildOrganizersOnlyMessage(what: string): MessageContent {
  const text = `Only organizers can ${what}. Whoever runs Rally lists them in RALLY_ORGANIZERS.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The private answer to `/rally forget me`: what went, in plain words. */
export function buildForgetReport(report: {
  signature?: string;
  votes: number;
  pledges: number;
  reminders: number;
  pollsStarted: number;
  jobRecords: number;
}): MessageContent {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const removed = [
    report.signature
      ? `your ${report.signature === 'anonymous' ? 'anonymous ' : ''}signature on the letter`
      : '',
    report.votes
      ? `your ${count(report.votes, 'vote record', 'vote records')} (votes in open polls withdrawn)`
      : '',
    report.pledges ? `${count(report.pledges, 'pledge', 'pledges')} that you gave` : '',
    report.reminders
      ? `${count(report.reminders, 'reminder', 'reminders')} you set, with ${report.reminders === 1 ? 'its' : 'their'} text`
      : '',
    report.pollsStarted ? `your name as the starter of ${count(report.pollsStarted, 'poll', 'polls')}` : '',
    report.jobRecords ? `${count(report.jobRecords, 'record', 'records')} of your requests` : '',
  ].filter(Boolean);
  const text =
    removed.length === 0
      ? 'Rally holds nothing under your name: there was nothing to remove.'
      : `Removed: ${removed.join('; ')}. Counts already announced in closed polls stay as they were, without you in them.`;
  return buildNotice(text);
}
