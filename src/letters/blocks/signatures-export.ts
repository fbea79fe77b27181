import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { messageBlockLimit } from '../../slack/blocks/text-blocks.js';
import type { NamedSigner, SignatureTally } from '../model.js';

const csvField = (value: string): string => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The named signers as CSV lines: `name,team or role`. */
export function signersCsv(signers: readonly NamedSigner[]): string[] {
  return ['name,team or role', ...signers.map((s) => `${csvField(s.name)},${csvField(s.role ?? '')}`)];
}

// Room for the code fence and escaping inside one section's 3,000 characters.
const chunkLimit = 2_800;

/**
 * The organizers' delivery export: the names shown with the letter, as CSV, and the counts of those
 * who signed without their name. Never hashes or user IDs. Small anonymous counts stay hidden.
 */
export function buildSignaturesExport(
  signers: readonly NamedSigner[],
  tally: SignatureTally,
  minAnonymous: number,
): MessageContent {
  const unnamed = tally.anonymous + tally.waiting;
  const counts =
    unnamed > 0 && unnamed < minAnonymous
      ? `fewer than ${minAnonymous} signed anonymously or are waiting to show their names`
      : `${tally.anonymous} signed anonymously; ${tally.waiting} signed with their name once enough others do, and are counted as anonymous until then`;
  const summary = `*Signatures for delivery*: ${tally.named} named. Also ${counts}.`;

  const chunks: string[] = [];
  let current = '';
  for (const line of signersCsv(signers).map(escapeMrkdwn)) {
    if (current && current.length + line.length + 1 > chunkLimit) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);

  const room = messageBlockLimit - 2;
  const shown = chunks.slice(0, room);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary } },
    ...shown.map(
      (chunk): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${chunk}\`\`\`` } }),
    ),
  ];
  if (chunks.length > room) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `The list is longer than one message: the first ${shown.length} parts are shown.`,
        },
      ],
    });
  }
  return {
    text: `${summary.replace(/\*/g, '')}\n${signersCsv(signers).join('\n')}`.slice(0, 39_000),
    blocks,
  };
}
