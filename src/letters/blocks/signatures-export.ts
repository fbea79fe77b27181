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

/**
 * The named signers as a CSV file: lines ended by CRLF (RFC 4180), after a UTF-8 byte order mark so that
 * spreadsheets read names in any script as UTF-8.
 */
export function signersCsvFile(signers: readonly ExportedSigner[]): Buffer {
  return Buffer.from(`\uFEFF${signersCsv(signers).join('\r\n')}\r\n`, 'utf8');
}

/** What Rally may say about the signatures without names, in words for the organizers. */
function unnamedCounts(tally: SignatureTally, rule: SmallNumbersRule): string {
  const unnamed = discloseAnonymousCount(tally.anonymous + tally.waiting, rule);
  const apart = mayShowAnonymousCount(tally.anonymous, rule) && mayShowAnonymousCount(tally.waiting, rule);
  if (!unnamed.shown)
    return `fewer than ${unnamed.threshold} signed anonymously or are waiting to show their names`;
  return apart
    ? `${tally.anonymous} signed anonymously; ${tally.waiting} signed with their name once enough others do, and are counted as anonymous until then`
    : `${unnamed.count} signed anonymously or are waiting to show their names`;
}

/**
 * The line under the names on the delivered letter about those who signed without theirs (anonymously, or
 * waiting for their condition), within the small-numbers rule: the number once at least
 * `RALLY_MIN_ANONYMOUS_VOTES` did, "a few" below that, nothing when none did.
 */
export function unnamedSignersLine(tally: SignatureTally, rule: SmallNumbersRule): string | undefined {
  const total = tally.anonymous + tally.waiting;
  if (total <= 0) return undefined;
  const unnamed = discloseAnonymousCount(total, rule);
  if (!unnamed.shown) return 'A few more people signed without their names.';
  const n = unnamed.count.toLocaleString('en-US');
  return `${n} more ${unnamed.count === 1 ? 'person' : 'people'} signed without their names.`;
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

/** What became of the delivery package's files (see `sendFilesPrivately`). */
export type PackageOutcome =
  /** Sent; without `pages` when the PDF could not be made and the CSV went alone. */
  { ok: true; pages?: number } | { ok: false; reason: string; explanation: string };

/** Words an organizer can act on for why the files did not come. */
export function filesFailure(reason: string): string {
  switch (reason) {
    case 'unknown_outcome':
      return 'Slack did not confirm that it received the files (its answer was lost): look in your direct messages with Rally, and if they are not there, run `/rally signatures` again.';
    case 'missing_scope':
      return 'Rally is not allowed to send files: reinstall the Slack app from `manifest.yml` (it needs the `files:write` and `im:write` scopes).';
    case 'file_uploads_disabled':
    case 'file_uploads_except_images_disabled':
      return 'Your workspace does not allow file uploads.';
    default:
      return `Slack refused the files (\`${reason}\`).`;
  }
}

/**
 * The organizers' private summary of the delivery package: the counts (small ones hidden), where the PDF
 * and the CSV went, and **Close signing** while the letter is open. When the files could not be sent, the
 * named signers follow as CSV text instead, so nothing is lost. Never hashes or user IDs.
 */
export function buildDeliverySummary(
  signers: readonly ExportedSigner[],
  tally: SignatureTally,
  rule: SmallNumbersRule,
  letter: { letterId: string; closed: boolean },
  outcome: PackageOutcome,
): MessageContent {
  const summary = `*Signatures for delivery*: ${tally.named} named. Also ${unnamedCounts(tally, rule)}.`;
  const files = !outcome.ok
    ? `${outcome.explanation} The named signers follow as CSV.`
    : outcome.pages === undefined
      ? 'The named signers (CSV) are in your direct messages with Rally. Rally could not make the PDF of the letter: its logs say why.'
      : `The letter as it will be delivered (PDF, ${outcome.pages} ${outcome.pages === 1 ? 'page' : 'pages'}) and the named signers (CSV) are in your direct messages with Rally.`;
  const chunks = outcome.ok ? [] : csvChunks(signers);
  const room = messageBlockLimit - 4;
  const shown = chunks.slice(0, room);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: summary } },
    { type: 'section', text: { type: 'mrkdwn', text: files } },
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
  const plain = `${summary.replace(/\*/g, '')}\n${files.replace(/`/g, '')}`;
  return {
    text: cutText(outcome.ok ? plain : `${plain}\n${signersCsv(signers).join('\n')}`, 39_000),
    blocks,
  };
}

/** The CSV lines in pieces that each fit one section with its code fence. */
function csvChunks(signers: readonly ExportedSigner[]): string[] {
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
  return chunks;
}
