import type { KnownBlock } from '@slack/types';
import {
  discloseAnonymousCount,
  mayShowAnonymousCount,
  type SmallNumbersRule,
} from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { messageBlockLimit } from '../../slack/blocks/text-blocks.js';
import { letterActions } from '../../slack/ids.js';
import { cutText } from '../../text/cut.js';
import type { SignatureTally } from '../model.js';
import { closeLetterButton } from './letter-actions.js';

/** A signer as the delivery export lists them: the name from their Slack profile, and the role they gave. */
export interface ExportedSigner {
  name: string;
  role?: string;
}

/**
 * A CSV cell, quoted when needed. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * would run as a formula in a spreadsheet (`=HYPERLINK(...)`), so it is led by an apostrophe, as OWASP
 * advises: https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The named signers as CSV lines: `name,team or role`. */
export function signersCsv(signers: readonly ExportedSigner[]): string[] {
  return ['name,team or role', ...signers.map((s) => `${csvField(s.name)},${csvField(s.role ?? '')}`)];
}

// Room for the code fence and escaping inside one section's 3,000 characters.
const chunkLimit = 2_800;

const closedNote: KnownBlock = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: 'Signing is closed: these are the final signatures.' }],
};

/** **Close signing** under the export of an open letter. */
const closeActions = (letterId: string): KnownBlock => ({
  type: 'actions',
  elements: [closeLetterButton(letterActions.close, letterId)],
});

/**
 * The organizers' delivery export: the names shown with the letter, as CSV, and the counts of those
 * who signed without their name. Never hashes or user IDs. Small anonymous counts stay hidden.
 */
export function buildSignaturesExport(
  signers: readonly ExportedSigner[],
  tally: SignatureTally,
  rule: SmallNumbersRule,
  letter: { letterId: string; closed: boolean },
): MessageContent {
  const unnamed = discloseAnonymousCount(tally.anonymous + tally.waiting, rule);
  const apart = mayShowAnonymousCount(tally.anonymous, rule) && mayShowAnonymousCount(tally.waiting, rule);
  const counts = !unnamed.shown
    ? `fewer than ${unnamed.threshold} signed anonymously or are waiting to show their names`
    : apart
      ? `${tally.anonymous} signed anonymously; ${tally.waiting} signed with their name once enough others do, and are counted as anonymous until then`
      : `${unnamed.count} signed anonymously or are waiting to show their names`;
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

  const room = messageBlockLimit - 3;
  const shown = chunks.slice(0, room);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary } },
    ...shown.map(
      (chunk): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${chunk}\`\`\`` } }),
    ),
  ];
  blocks.push(letter.closed ? closedNote : closeActions(letter.letterId));
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
    text: cutText(`${summary.replace(/\*/g, '')}\n${signersCsv(signers).join('\n')}`, 39_000),
    blocks,
  };
}
