import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import type { Subcommand } from '../catalog.js';

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
  // An empty quoted word (`/rally ""`) is shown as typed; a cut never ends in half an emoji.
  const shown = (
    word.length > 40 ? `${word.slice(0, 40).replace(/[\uD800-\uDBFF]$/, '')}…` : word || '""'
  ).replace(/`/g, "'");
  return buildHelpMessage(
    subcommands,
    `:warning: I don't know the command \`${escapeMrkdwn(shown)}\`. Here is what Rally understands:`,
  );
}

/** The private answer to someone who is not an organizer running an organizer command. */
export function buildOrganizersOnlyMessage(what: string): MessageContent {
  const text = `Only organizers can ${what}. Whoever runs Rally lists them in RALLY_ORGANIZERS.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
