import type { KnownBlock } from '@slack/types';
import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { truncate } from '../../text/cut.js';
import type { Subcommand } from '../catalog.js';

const audienceNote = { anyone: '', organizers: ' _Organizers._', owners: ' _Owners._' } as const;

function subcommandLine(sub: Subcommand): string {
  const who = audienceNote[sub.audience];
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
  // An empty quoted word (`/rally ""`) is shown as typed; a cut never ends in half a character.
  const shown = (word ? truncate(word, 41) : '""').replace(/`/g, "'");
  return buildHelpMessage(
    subcommands,
    `:warning: I don't know the command \`${escapeMrkdwn(shown)}\`. Here is what Rally understands:`,
  );
}

/**
 * The answer to a command whose handler failed before answering (Redis unreachable or refusing writes):
 * said within Slack's 3 s instead of letting the command time out. It does not say that nothing happened:
 * a handler can fail after a first write.
 */
export const commandNotRecordedMessage: MessageContent = buildNotice(
  ':warning: Rally could not finish that just now, and cannot tell whether it took effect. Please check in a moment (`/rally help` lists what shows it) before trying again.',
);
