import type { KnownBlock, ModalView } from '@slack/types';
import type { NonprofitDetails } from '../../nonprofits/model.js';
import { discloseAnonymousCount, type SmallNumbersRule } from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { plainText as plain, truncate } from '../../slack/blocks/text-blocks.js';
import { donationActions, donationBlocks, donationLinkActionId, donationViews } from '../../slack/ids.js';
import { type AmountBand, amountBands, type Pledge, type PromptTally } from '../model.js';

export const bandLabels: Record<AmountBand, string> = {
  'under-25': 'Under $25',
  '25-100': '$25 to $100',
  'over-100': 'Over $100',
};

/**
 * The line of counts, within the small-numbers rule: nothing until enough people said they gave, and a
 * nonprofit's clicks only once there are enough of them, so nobody is singled out.
 */
export function donationCountsLine(
  donations: readonly NonprofitDetails[],
  tally: PromptTally,
  rule: SmallNumbersRule,
): string {
  const pledges = discloseAnonymousCount(tally.pledges, rule);
  if (!pledges.shown || pledges.count === 0) {
    return `Counts show once at least ${rule.minAnonymous} coworkers say they gave. Rally counts clicks and pledges, never who.`;
  }
  const people = `*${pledges.count} ${pledges.count === 1 ? 'coworker says they' : 'coworkers say they'} gave.*`;
  const clicks = donations
    .map((d, i) => {
      const count = discloseAnonymousCount(tally.clicks[i] ?? 0, rule);
      return `${escapeMrkdwn(d.name)}: ${count.shown ? count.count : `fewer than ${count.threshold}`}`;
    })
    .join(' · ');
  return `${people} Link clicks: ${clicks}`;
}

/** Whether a prompt still takes clicks and pledges. */
export interface PromptState {
  ended: boolean;
}

/** The buttons of a prompt that still takes clicks and pledges, with the warning about matching programs. */
function openPromptBlocks(donations: readonly NonprofitDetails[], promptId: string): KnownBlock[] {
  return [
    {
      type: 'actions',
      elements: donations.slice(0, 24).map((d, i) => ({
        type: 'button' as const,
        action_id: donationLinkActionId(i),
        text: plain(truncate(d.name, 75)),
        url: d.url,
        value: `${promptId}:${i}`,
      })),
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':warning: Employer matching programs usually show your name and gift to the employer. Give directly if you would rather they did not know.',
        },
      ],
    },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: donationActions.gave,
          text: plain('I gave'),
          style: 'primary',
          value: promptId,
        },
        { type: 'button', action_id: donationActions.end, text: plain('End (organizers)'), value: promptId },
      ],
    },
  ];
}

/**
 * A donation prompt: the ask, a link button per nonprofit (its click is counted, never attributed),
 * a warning about employer matching, **I gave**, **End** (organizers), and the counts. Buttons carry the
 * prompt ID and the nonprofit's index only. An ended prompt keeps the list and its final counts, without
 * buttons.
 */
export function buildDonationPrompt(
  donations: readonly NonprofitDetails[],
  promptId: string,
  tally: PromptTally,
  rule: SmallNumbersRule,
  { ended }: PromptState,
): MessageContent {
  const list = donations.map((d) => `*${escapeMrkdwn(d.name)}*: ${escapeMrkdwn(d.description)}`).join('\n');
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain('Give to families who need it') },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `Coworkers are giving to nonprofits that support immigrant families. If you can, give directly:\n${list}`,
      },
    },
    ...(ended ? [] : openPromptBlocks(donations, promptId)),
    {
      type: 'context',
      block_id: donationBlocks.counts,
      elements: [
        {
          type: 'mrkdwn',
          text: `${ended ? '*This prompt has ended.* ' : ''}${donationCountsLine(donations, tally, rule)}`,
        },
      ],
    },
  ];
  return { text: 'Give to nonprofits that support immigrant families', blocks };
}

/** The form behind **I gave**: which nonprofit and roughly how much, both optional; stored anonymously. */
export function buildPledgeModal(
  donations: readonly NonprofitDetails[],
  promptId: string,
  current?: Pledge,
): ModalView {
  const nonprofitOptions = donations.map((d, i) => ({ text: plain(truncate(d.name, 75)), value: String(i) }));
  const bandOptions = amountBands.map((band) => ({ text: plain(bandLabels[band]), value: band }));
  const chosenNonprofit = current?.nonprofit !== undefined ? nonprofitOptions[current.nonprofit] : undefined;
  const chosenBand = current?.band ? bandOptions.find((o) => o.value === current.band) : undefined;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: current
          ? 'You already said you gave: change it below, or take it back.'
          : 'Thank you! Tell coworkers you gave, so the count encourages others.',
      },
    },
    {
      type: 'input',
      block_id: donationBlocks.nonprofit,
      optional: true,
      label: plain('To which nonprofit (optional)'),
      element: {
        type: 'static_select',
        action_id: donationBlocks.nonprofit,
        options: nonprofitOptions,
        ...(chosenNonprofit ? { initial_option: chosenNonprofit } : {}),
      },
    },
    {
      type: 'input',
      block_id: donationBlocks.band,
      optional: true,
      label: plain('About how much (optional)'),
      element: {
        type: 'radio_buttons',
        action_id: donationBlocks.band,
        options: bandOptions,
        ...(chosenBand ? { initial_option: chosenBand } : {}),
      },
    },
  ];
  if (current) {
    blocks.push({
      type: 'input',
      block_id: donationBlocks.withdraw,
      optional: true,
      label: plain('Take it back'),
      element: {
        type: 'checkboxes',
        action_id: donationBlocks.withdraw,
        options: [{ text: plain('Remove my pledge'), value: 'withdraw' }],
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: ':lock: Only a count is shown, once enough coworkers say they gave. Rally keeps your answer under a code tied to this prompt: never your Slack ID, and no time. While the prompt is open, whoever runs Rally could check whether a given person pledged; when it ends, the key behind that code is erased and nobody can tell.',
      },
    ],
  });
  return {
    ...formFrame({
      callbackId: donationViews.pledge,
      metadata: promptId,
      title: 'I gave',
      submit: current ? 'Save' : 'Count me in',
    }),
    blocks,
  };
}
