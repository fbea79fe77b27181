import type { KnownBlock, ModalView } from '@slack/types';
import { formFrame } from '../../slack/blocks/modals.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { signViews } from '../../slack/ids.js';
import type { OwnSignature, SignatureKind } from '../model.js';

/** The numbers a conditional signer can choose from: "show my name once N coworkers sign with theirs". */
export const thresholdChoices = [3, 5, 10, 25] as const;
export const defaultThreshold = 5;

/** Block and action IDs of the signing form's inputs (each input is one block holding one element). */
export const signFormFields = {
  mode: 'sign_mode',
  threshold: 'sign_threshold',
  role: 'sign_role',
} as const;

/**
 * Who can learn what, one plain sentence per way of signing, shown before anyone confirms. Each follows
 * from docs/PRIVACY.md; change them together.
 */
export const signModeExplanations: Record<SignatureKind, { label: string; sentence: string }> = {
  named: {
    label: 'With my name',
    sentence:
      'Your name as it is in your Slack profile (and the team or role you add) goes on the list the organizers deliver with the letter. Treat it as public.',
  },
  anonymous: {
    label: 'Anonymously',
    sentence:
      'You are counted, and your name is shown nowhere: not to coworkers, not to the organizers. While the letter is open, whoever runs Rally could check whether a given person signed (that is how Rally stops anyone signing twice); when the letter closes, the key that makes this possible is erased, and after that nobody can tell.',
  },
  conditional: {
    label: 'With my name, once enough coworkers sign with theirs',
    sentence:
      'You are counted as anonymous until at least the number of coworkers you choose below also sign with their names; then your Slack profile name is shown together with theirs, never alone. If that has not happened when the letter closes, your name is never shown and Rally erases it.',
  },
};

/** What a signer is told when the letter does not take the way of signing they chose. */
export const kindNotAllowedMessage =
  'This letter takes signatures with a name only: its organizers chose so. Nothing was recorded.';

/** What anyone is told about a letter that no longer takes signatures. */
export const letterClosedMessage = 'This letter is closed: it no longer takes signatures.';

export const textChangedMessage =
  'The letter’s text changed after you opened this form, so your signature was not recorded: read the letter again, then sign it if you still agree.';

/** The signing form's `private_metadata`: the letter and the version of its text the form was opened on. */
export const signFormMetadata = (letterId: string, textVersion: number): string =>
  `${letterId}@${textVersion}`;

/** Reads {@link signFormMetadata}; a form opened before text versions existed names only the letter. */
export function readSignFormMetadata(metadata: string): { letterId: string; textVersion?: number } {
  const [letterId = '', version] = metadata.split('@');
  const textVersion = Number(version);
  return Number.isInteger(textVersion) && textVersion > 0 ? { letterId, textVersion } : { letterId };
}

function option(kind: SignatureKind) {
  return { text: plain(signModeExplanations[kind].label), value: kind };
}

const thresholdInput: KnownBlock = {
  type: 'input',
  block_id: signFormFields.threshold,
  optional: true,
  label: plain('For the last choice: show my name once this many coworkers sign with theirs'),
  element: {
    type: 'static_select',
    action_id: signFormFields.threshold,
    initial_option: { text: plain(String(defaultThreshold)), value: String(defaultThreshold) },
    options: thresholdChoices.map((n) => ({ text: plain(String(n)), value: String(n) })),
  },
};

export interface SignModalInput {
  letterId: string;
  /** The version of the text the signer is shown (see `Letter.textVersion`). */
  textVersion: number;
  title: string;
  /** The person signing: their name is shown as Slack shows it (a mention, which does not notify). */
  userId: string;
  /** Where Rally's privacy document can be read, when Rally has a public address. */
  privacyUrl?: string | undefined;
  /** The ways of signing other than with one's name that this letter accepts (its organizers choose). */
  allowed?: { anonymous: boolean; conditional: boolean };
}

/** The signing form: three ways to sign, each explained, and an optional team or role. */
export function buildSignModal({
  letterId,
  textVersion,
  title,
  userId,
  privacyUrl,
  allowed = { anonymous: true, conditional: true },
}: SignModalInput): ModalView {
  const kinds = (Object.keys(signModeExplanations) as SignatureKind[]).filter(
    (kind) => kind === 'named' || allowed[kind],
  );
  const explanations = kinds.map(
    (kind) => `*${signModeExplanations[kind].label}.* ${signModeExplanations[kind].sentence}`,
  );
  const more = privacyUrl
    ? `<${privacyUrl}|How Rally protects signers>`
    : 'How Rally protects signers: `/rally privacy`';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `You are signing *${escapeMrkdwn(title)}* as <@${userId}>. Choose how:` },
    },
    { type: 'section', text: { type: 'mrkdwn', text: explanations.join('\n\n') } },
    {
      type: 'input',
      block_id: signFormFields.mode,
      label: plain('Sign'),
      element: {
        type: 'radio_buttons',
        action_id: signFormFields.mode,
        options: kinds.map(option),
      },
    },
    ...(allowed.conditional ? [thresholdInput] : []),
    {
      type: 'input',
      block_id: signFormFields.role,
      optional: true,
      label: plain('Team or role, shown with your name (not kept when you sign anonymously)'),
      element: { type: 'plain_text_input', action_id: signFormFields.role, max_length: 80 },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Slack itself sees every click. ${more}` }],
    },
  ];
  return {
    ...formFrame({
      callbackId: signViews.sign,
      metadata: signFormMetadata(letterId, textVersion),
      title: 'Sign the letter',
      submit: 'Sign',
    }),
    blocks,
  };
}

/** "2 Dec 2026" for a stored day. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** How a signature is described to its signer: "anonymously", "with your name", ... */
export function describeSignature(own: OwnSignature): string {
  switch (own.kind) {
    case 'named':
      return 'with your name';
    case 'anonymous':
      return 'anonymously';
    case 'conditional':
      return `with your name once ${own.threshold ?? defaultThreshold} coworkers sign with theirs`;
  }
}

/** Shown instead of the form to someone who already signed: what Rally holds, and a way to remove it. */
export function buildAlreadySignedModal(own: OwnSignature, letterId: string): ModalView {
  return {
    ...formFrame({
      callbackId: signViews.unsign,
      metadata: letterId,
      title: 'You already signed',
      submit: 'Remove my signature',
      close: 'Keep it',
    }),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `You signed ${describeSignature(own)} on ${formatDay(own.day)}. Remove your signature?`,
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'To sign another way, remove this signature first, then sign again.',
          },
        ],
      },
    ],
  };
}

/** What the signer reads right after signing. */
export function signedMessage(kind: SignatureKind): string {
  switch (kind) {
    case 'named':
      return ':white_check_mark: Thank you for signing with your name. The count on the letter moves together with other signatures, so nobody can tell who just signed.';
    case 'anonymous':
      return ':white_check_mark: Thank you. Your signature is counted anonymously: coworkers and organizers cannot see that it is yours, and once the letter closes nobody can tell.';
    case 'conditional':
      return ':white_check_mark: Thank you. You are counted as anonymous until enough coworkers sign with their names; then your name is shown with theirs.';
  }
}

/** What the signer reads once their signature is removed. */
export function removedMessage(kind: SignatureKind | undefined): string {
  switch (kind) {
    case 'named':
      return 'Your signature (with your name) was removed.';
    case 'conditional':
      return 'Your signature (with your name once enough coworkers sign) was removed.';
    case 'anonymous':
      return 'Your anonymous signature was removed.';
    case undefined:
      return 'You have not signed the letter.';
  }
}
