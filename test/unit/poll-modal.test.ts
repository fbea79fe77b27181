import { describe, expect, it } from 'vitest';
import { buildPollModal, pollSettings } from '../../src/polls/blocks/poll-modal.js';
import { readPollModal, splitOptionLines } from '../../src/polls/read-modal.js';
import { pollBlocks, pollViews } from '../../src/slack/ids.js';

const now = new Date('2026-12-01T18:00:00Z');

interface Form {
  question?: string | null;
  options?: string | null;
  settings?: string[];
  closes?: number | null;
}

/** `view.state.values` as Slack sends it for the poll form. */
function values(form: Form): Record<string, Record<string, unknown>> {
  return {
    [pollBlocks.question]: {
      [pollBlocks.question]: { type: 'plain_text_input', value: form.question ?? null },
    },
    [pollBlocks.options]: { [pollBlocks.options]: { type: 'plain_text_input', value: form.options ?? null } },
    [pollBlocks.settings]: {
      [pollBlocks.settings]: {
        type: 'checkboxes',
        selected_options: (form.settings ?? []).map((value) => ({
          value,
          text: { type: 'plain_text', text: value },
        })),
      },
    },
    [pollBlocks.closes]: {
      [pollBlocks.closes]: { type: 'datetimepicker', selected_date_time: form.closes ?? null },
    },
  };
}

describe('buildPollModal', () => {
  const modal = buildPollModal('C0123|1234.5678');
  type Block = {
    type: string;
    block_id?: string;
    optional?: boolean;
    element?: {
      type: string;
      action_id: string;
      multiline?: boolean;
      max_length?: number;
      options?: { text: { text: string }; description?: { text: string }; value: string }[];
    };
  };
  const blocks = modal.blocks as Block[];
  const input = (id: string) => blocks.find((b) => b.block_id === id);

  it('is the poll form, with its metadata, within Slack limits', () => {
    expect(modal.callback_id).toBe(pollViews.create);
    expect(modal.private_metadata).toBe('C0123|1234.5678');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(modal.submit?.text).toBe('Post poll');
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(buildPollModal().private_metadata).toBeUndefined();
  });

  it('says that a poll left without a closing time closes by itself after RALLY_MAX_POLL_DAYS', () => {
    const closes = (
      buildPollModal(undefined, 14).blocks as { block_id?: string; hint?: { text: string } }[]
    ).find((b) => b.block_id === pollBlocks.closes);
    expect(closes?.hint?.text).toContain('it then closes by itself after 14 days');
  });

  it('asks for the question and the options (one box, one per line), both required', () => {
    expect(input(pollBlocks.question)?.element).toMatchObject({ type: 'plain_text_input', max_length: 300 });
    expect(input(pollBlocks.question)?.optional).toBeUndefined();
    expect(input(pollBlocks.options)?.element).toMatchObject({ type: 'plain_text_input', multiline: true });
    expect(input(pollBlocks.options)?.optional).toBeUndefined();
    for (const block of blocks) if (block.element) expect(block.element.action_id).toBe(block.block_id);
  });

  it('offers the three settings as checkboxes whose texts fit Slack (75 characters)', () => {
    const settings = input(pollBlocks.settings);
    expect(settings?.optional).toBe(true);
    expect(settings?.element?.type).toBe('checkboxes');
    expect(settings?.element?.options?.map((o) => o.value)).toEqual(['anonymous', 'multiple', 'hidden']);
    for (const option of settings?.element?.options ?? []) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect((option.description?.text ?? '').length).toBeLessThanOrEqual(75);
    }
    expect(JSON.stringify(blocks)).toContain(
      'Reactions are not counted, because everyone can see who reacted.',
    );
  });

  it('has an optional date and time picker for the closing time', () => {
    expect(input(pollBlocks.closes)?.element?.type).toBe('datetimepicker');
    expect(input(pollBlocks.closes)?.optional).toBe(true);
  });
});

describe('readPollModal', () => {
  it('reads a filled form', () => {
    const closes = Math.floor(now.getTime() / 1000) + 3600;
    const result = readPollModal(
      values({
        question: '  Do we walk out?  ',
        options: 'Yes\n\n- No\n• Need more info\n  ',
        settings: ['anonymous', 'hidden'],
        closes,
      }),
      now,
    );
    expect(result).toEqual({
      ok: true,
      poll: {
        question: 'Do we walk out?',
        options: ['Yes', 'No', 'Need more info'],
        anonymous: true,
        multiple: false,
        hidden: true,
        closesAt: new Date(closes * 1000),
      },
    });
  });

  it('leaves the settings off and the closing time out when none is given', () => {
    const result = readPollModal(values({ question: 'Q?', options: 'A\nB', settings: ['toString'] }), now);
    expect(result).toEqual({
      ok: true,
      poll: { question: 'Q?', options: ['A', 'B'], anonymous: false, multiple: false, hidden: false },
    });
  });

  it('pins each mistake to its block, with the same words as the command', () => {
    expect(readPollModal(values({ question: ' ', options: 'Yes', closes: 1 }), now)).toEqual({
      ok: false,
      errors: {
        [pollBlocks.question]: 'The question is empty.',
        [pollBlocks.options]: 'A poll needs at least 2 options; you gave one.',
        [pollBlocks.closes]: 'That time has already passed; pick a time in the future.',
      },
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `Option ${i}`).join('\n');
    expect(readPollModal(values({ question: 'Q?', options: eleven }), now)).toEqual({
      ok: false,
      errors: { [pollBlocks.options]: 'A poll can have at most 10 options; you gave 11.' },
    });
    expect(readPollModal(values({ question: 'Q?', options: `Yes\n${'n'.repeat(80)}` }), now)).toEqual({
      ok: false,
      errors: {
        [pollBlocks.options]: `Option 2 ("${'n'.repeat(30)}…") is 80 characters long; an option can have at most 75, the most a Slack button shows.`,
      },
    });
    expect(readPollModal(values({ question: 'Q?', options: 'Yes\nYES' }), now)).toEqual({
      ok: false,
      errors: { [pollBlocks.options]: 'Options 1 and 2 are the same ("YES"); give each option once.' },
    });
    const farAway = Math.floor(now.getTime() / 1000) + 400 * 24 * 3600;
    expect(readPollModal(values({ question: 'Q?', options: 'A\nB', closes: farAway }), now)).toEqual({
      ok: false,
      errors: { [pollBlocks.closes]: 'That time is more than a year away; pick a time within a year.' },
    });
  });

  it('treats a form it cannot read as an empty question', () => {
    expect(readPollModal({ [pollBlocks.question]: { [pollBlocks.question]: 'nonsense' } }, now)).toEqual({
      ok: false,
      errors: { [pollBlocks.question]: 'Type the question.' },
    });
  });

  it('splits option lines, dropping blanks and list bullets only', () => {
    expect(splitOptionLines('- Yes\r\n* No\n\n•  Maybe\n-5 degrees\n')).toEqual([
      'Yes',
      'No',
      'Maybe',
      '-5 degrees',
    ]);
  });
});

describe('pollSettings', () => {
  it('names the three settings the poll has', () => {
    expect(Object.keys(pollSettings)).toEqual(['anonymous', 'multiple', 'hidden']);
  });
});
