import type { KnownBlock, ModalView } from '@slack/types';
import { formFrame } from '../../slack/blocks/modals.js';
import { plainText as plain } from '../../slack/blocks/text-blocks.js';
import { nonprofitFormBlocks, nonprofitViews } from '../../slack/ids.js';
import { nonprofitLimits } from '../model.js';
import type { NonprofitPrefill } from '../nonprofits-command.js';

const textInput = (
  blockId: string,
  label: string,
  options: { maxLength: number; initial?: string | undefined; hint: string; placeholder: string },
): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  hint: plain(options.hint),
  element: {
    type: 'plain_text_input',
    action_id: blockId,
    max_length: options.maxLength,
    placeholder: plain(options.placeholder),
    ...(options.initial ? { initial_value: options.initial.slice(0, options.maxLength) } : {}),
  },
});

/**
 * The form that adds a nonprofit (`/rally nonprofits add`, or **Add a nonprofit**): its name, its https
 * link and one line on what it does, all required, within the campaign file's limits. Filled in with what
 * the command gave. Problems are shown on the fields when it is submitted.
 */
export function buildNonprofitForm(prefill: NonprofitPrefill = {}): ModalView {
  const blocks: KnownBlock[] = [
    textInput(nonprofitFormBlocks.name, 'Name', {
      maxLength: nonprofitLimits.name,
      initial: prefill.name,
      hint: "As it shows on the donation prompt's button.",
      placeholder: 'RAICES',
    }),
    textInput(nonprofitFormBlocks.url, 'Link', {
      maxLength: nonprofitLimits.url,
      initial: prefill.url,
      hint: 'The https:// address of the page where people give.',
      placeholder: 'https://www.raicestexas.org/donate/',
    }),
    textInput(nonprofitFormBlocks.description, 'What it does, in one line', {
      maxLength: nonprofitLimits.description,
      hint: 'Shown under its name on every new donation prompt.',
      placeholder: 'Free legal services to immigrant children and families in Texas.',
    }),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Check the nonprofit before you add it: coworkers will give to it. New donation prompts list it; prompts already posted keep their list.',
        },
      ],
    },
  ];
  return {
    ...formFrame({ callbackId: nonprofitViews.form, title: 'Add a nonprofit', submit: 'Add' }),
    blocks,
  };
}
