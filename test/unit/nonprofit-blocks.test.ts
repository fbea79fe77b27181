import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../src/campaign/load.js';
import { campaignSchema } from '../../src/campaign/schema.js';
import { tokenize } from '../../src/commands/tokenize.js';
import { buildNonprofitForm } from '../../src/nonprofits/blocks/nonprofit-form.js';
import { buildNonprofitList } from '../../src/nonprofits/blocks/nonprofit-list.js';
import { checkNonprofit } from '../../src/nonprofits/check-nonprofit.js';
import type { Nonprofit, NonprofitDetails } from '../../src/nonprofits/model.js';
import { readNonprofitForm } from '../../src/nonprofits/nonprofit-form.js';
import { parseNonprofitsCommand } from '../../src/nonprofits/nonprofits-command.js';
import { nonprofitActions, nonprofitFormBlocks, nonprofitViews } from '../../src/slack/ids.js';

const nonprofits: Nonprofit[] = [
  {
    id: 'np000001',
    name: 'RAICES',
    url: 'https://www.raicestexas.org/donate/',
    description: 'Legal services <for> families & kids.',
  },
  {
    id: 'np000002',
    name: 'KIND',
    url: 'https://supportkind.org/donate/',
    description: 'Lawyers for children.',
  },
];

type Element = { action_id?: string; value?: string; text?: { text: string } };
/** The interactive elements of the blocks, in order. */
const elementsOf = (blocks: KnownBlock[]): Element[] =>
  blocks
    .flatMap((b) => [
      ...('elements' in b ? (b.elements as Element[]) : []),
      ...('accessory' in b && b.accessory ? [b.accessory as Element] : []),
    ])
    .filter((e) => e.action_id !== undefined);
const textOf = (blocks: unknown[]) => JSON.stringify(blocks);

const tokens = (text: string) => {
  const result = tokenize(text);
  if (!result.ok) throw new Error(result.error);
  return result.tokens;
};

const formValues = (details: Partial<NonprofitDetails>) => ({
  [nonprofitFormBlocks.name]: { [nonprofitFormBlocks.name]: { value: details.name ?? null } },
  [nonprofitFormBlocks.url]: { [nonprofitFormBlocks.url]: { value: details.url ?? null } },
  [nonprofitFormBlocks.description]: {
    [nonprofitFormBlocks.description]: { value: details.description ?? null },
  },
});

describe('the nonprofit list', () => {
  it('shows each nonprofit with a Remove button carrying only its ID, then Add while there is room', () => {
    const { blocks, text } = buildNonprofitList(nonprofits, 10);
    const buttons = elementsOf(blocks);
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
      [nonprofitActions.remove, 'np000001'],
      [nonprofitActions.remove, 'np000002'],
      [nonprofitActions.add, 'add'],
    ]);
    expect(textOf(blocks)).toContain('Legal services &lt;for&gt; families &amp; kids.');
    expect(textOf(blocks)).toContain('https://www.raicestexas.org/donate/');
    expect(textOf(blocks)).toContain('(2 of at most 10)');
    expect(textOf(blocks)).toContain('prompts already posted keep the list they were posted with');
    expect(text).toBe('Nonprofits that donation prompts link to: RAICES, KIND');
  });

  it('offers no Add once full, and says to remove one', () => {
    const { blocks } = buildNonprofitList(nonprofits, 2);
    expect(elementsOf(blocks).map((b) => b.action_id)).toEqual([
      nonprofitActions.remove,
      nonprofitActions.remove,
    ]);
    expect(textOf(blocks)).toContain('The list is full (2): remove one to add another.');
  });

  it('when empty, says that /rally donate has nothing to post and offers Add', () => {
    const { blocks, text } = buildNonprofitList([], 10);
    expect(elementsOf(blocks).map((b) => b.action_id)).toEqual([nonprofitActions.add]);
    expect(text).toContain('No nonprofits are listed, so `/rally donate` has nothing to post.');
  });

  it('is led by a note, such as what was just removed', () => {
    const { blocks, text } = buildNonprofitList(nonprofits.slice(1), 10, 'RAICES was removed.');
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'RAICES was removed.' } });
    expect(blocks[1]).toEqual({ type: 'divider' });
    expect(text.split('\n')[0]).toBe('RAICES was removed.');
  });
});

describe('the nonprofit form', () => {
  it('asks for the name, the link and one line, each within the campaign file limits', () => {
    const view = buildNonprofitForm();
    expect(view.callback_id).toBe(nonprofitViews.form);
    const inputs = view.blocks.filter((b) => b.type === 'input') as {
      block_id: string;
      optional?: boolean;
      element: { type: string; action_id: string; max_length: number; multiline?: boolean };
    }[];
    expect(inputs.map((i) => [i.block_id, i.element.action_id, i.element.max_length])).toEqual([
      [nonprofitFormBlocks.name, nonprofitFormBlocks.name, 75],
      [nonprofitFormBlocks.url, nonprofitFormBlocks.url, 3000],
      [nonprofitFormBlocks.description, nonprofitFormBlocks.description, 150],
    ]);
    for (const input of inputs) {
      expect(input.optional).toBeUndefined();
      expect(input.element.type).toBe('plain_text_input');
      expect(input.element.multiline).toBeUndefined();
    }
    expect(textOf(view.blocks)).not.toContain('initial_value');
  });

  it('is filled in with the link and the name the command gave', () => {
    const view = buildNonprofitForm({ url: 'https://example.org/give', name: 'Example Fund' });
    const initial = (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).map(
      (b) => [b.block_id, b.element?.initial_value],
    );
    expect(initial.slice(0, 3)).toEqual([
      [nonprofitFormBlocks.name, 'Example Fund'],
      [nonprofitFormBlocks.url, 'https://example.org/give'],
      [nonprofitFormBlocks.description, undefined],
    ]);
  });

  it('reads a good submission, trimmed', () => {
    expect(
      readNonprofitForm(
        formValues({ name: ' Example Fund ', url: 'https://example.org/give ', description: 'Helps.' }),
      ),
    ).toEqual({
      ok: true,
      details: { name: 'Example Fund', url: 'https://example.org/give', description: 'Helps.' },
    });
  });

  it('puts each problem on its own field', () => {
    const read = readNonprofitForm(
      formValues({ name: '', url: 'http://example.org/give', description: 'x'.repeat(151) }),
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        [nonprofitFormBlocks.name]: "Give the nonprofit's name.",
        [nonprofitFormBlocks.url]:
          'The link must be a full https:// address, such as https://example.org/donate.',
        [nonprofitFormBlocks.description]:
          'A description can have at most 150 characters (this one has 151).',
      },
    });
    expect(readNonprofitForm({})).toMatchObject({ ok: false });
  });
});

describe('checkNonprofit', () => {
  it('accepts exactly what the campaign file accepts as a nonprofit', async () => {
    const base = await loadCampaign();
    const candidates: Partial<NonprofitDetails>[] = [
      { name: 'Fund', url: 'https://example.org/give', description: 'Helps.' },
      { name: 'Fund', url: 'http://example.org/give', description: 'Helps.' },
      { name: 'Fund', url: 'https://localhost/give', description: 'Helps.' },
      { name: 'Fund', url: 'https://user:pw@example.org/give', description: 'Helps.' },
      { name: 'Fund', url: 'example.org/give', description: 'Helps.' },
      { name: 'Fund', url: `https://example.org/${'a'.repeat(2990)}`, description: 'Helps.' },
      { name: '   ', url: 'https://example.org/give', description: 'Helps.' },
      { name: 'n'.repeat(75), url: 'https://example.org/give', description: 'Helps.' },
      { name: 'n'.repeat(76), url: 'https://example.org/give', description: 'Helps.' },
      { name: 'Fund', url: 'https://example.org/give', description: 'd'.repeat(150) },
      { name: 'Fund', url: 'https://example.org/give', description: 'two\nlines' },
      { name: 'Fund', url: 'https://example.org/give', description: '' },
    ];
    for (const candidate of candidates) {
      const inFile = campaignSchema.safeParse({ ...base, donations: [candidate] }).success;
      expect(checkNonprofit(candidate).ok, JSON.stringify(candidate).slice(0, 80)).toBe(inFile);
    }
    // Both outcomes were seen: the comparison above could not pass by accepting or refusing everything.
    expect(new Set(candidates.map((c) => checkNonprofit(c).ok))).toEqual(new Set([true, false]));
  });
});

describe('parseNonprofitsCommand', () => {
  it('lists with nothing, or with `list`', () => {
    expect(parseNonprofitsCommand([])).toEqual({ ok: true, action: 'list' });
    expect(parseNonprofitsCommand(tokens('list'))).toEqual({ ok: true, action: 'list' });
  });

  it('adds with nothing, a link, or a link and a name in either order', () => {
    expect(parseNonprofitsCommand(tokens('add'))).toEqual({ ok: true, action: 'add', prefill: {} });
    expect(parseNonprofitsCommand(tokens('add <https://example.org/give>'))).toEqual({
      ok: true,
      action: 'add',
      prefill: { url: 'https://example.org/give' },
    });
    const both = {
      ok: true,
      action: 'add',
      prefill: { url: 'https://example.org/give?a=1&b=2', name: 'Fund & Co' },
    };
    expect(
      parseNonprofitsCommand(tokens('ADD <https://example.org/give?a=1&amp;b=2> Fund &amp; Co')),
    ).toEqual(both);
    expect(
      parseNonprofitsCommand(tokens('add Fund &amp; Co <https://example.org/give?a=1&amp;b=2>')),
    ).toEqual(both);
  });

  it('refuses a link that is not https, a missing link, a long name and other words', () => {
    expect(parseNonprofitsCommand(tokens('add <http://example.org/give> Fund'))).toEqual({
      ok: false,
      problem:
        '"http://example.org/give" cannot be used. The link must be a full https:// address, such as https://example.org/donate.',
    });
    expect(parseNonprofitsCommand(tokens('add Fund'))).toEqual({
      ok: false,
      problem: "Give the link to the nonprofit's page first, starting with https://, then its name.",
    });
    expect(parseNonprofitsCommand(tokens(`add <https://example.org/give> ${'n'.repeat(76)}`))).toEqual({
      ok: false,
      problem: 'A name can have at most 75 characters (this one has 76).',
    });
    expect(parseNonprofitsCommand(tokens('remove RAICES'))).toMatchObject({ ok: false });
    expect(parseNonprofitsCommand(tokens('list everything'))).toMatchObject({ ok: false });
  });
});
