import { describe, expect, it } from 'vitest';
import type { Donation } from '../../src/campaign/schema.js';
import { tokenize } from '../../src/commands/tokenize.js';
import {
  buildDonationPrompt,
  buildPledgeModal,
  donationCountsLine,
} from '../../src/donations/blocks/donation-prompt.js';
import { parseDonateCommand } from '../../src/donations/donate-command.js';
import { readPledgeForm } from '../../src/donations/pledge-form.js';
import { donationBlocks } from '../../src/slack/ids.js';

const donations: Donation[] = [
  {
    name: 'RAICES',
    url: 'https://www.raicestexas.org/donate/',
    description: 'Legal services <for> families & kids.',
  },
  { name: 'KIND', url: 'https://supportkind.org/donate/', description: 'Lawyers for children.' },
];

const tokens = (text: string) => {
  const result = tokenize(text);
  if (!result.ok) throw new Error(result.error);
  return result.tokens;
};

describe('donation prompt', () => {
  it('has a link button per nonprofit whose value names the prompt and the nonprofit, never a person', () => {
    const { blocks } = buildDonationPrompt(
      donations,
      'prompt-1',
      { clicks: [0, 0], pledges: 0 },
      { minAnonymous: 5 },
      { ended: false },
    );
    const buttons = blocks.flatMap((b) =>
      'elements' in b ? (b.elements as { url?: string; value?: string }[]) : [],
    );
    expect(buttons.filter((b) => b.url).map((b) => [b.url, b.value])).toEqual([
      ['https://www.raicestexas.org/donate/', 'prompt-1:0'],
      ['https://supportkind.org/donate/', 'prompt-1:1'],
    ]);
    expect(JSON.stringify(blocks)).toContain('Legal services &lt;for&gt; families &amp; kids.');
  });

  it('hides the counts until enough people pledged, and the clicks of a nonprofit until there are enough', () => {
    const rule = { minAnonymous: 5 };
    expect(donationCountsLine(donations, { clicks: [9, 2], pledges: 4 }, rule)).toBe(
      'Counts show once at least 5 coworkers say they gave. Rally counts clicks and pledges, never who.',
    );
    expect(donationCountsLine(donations, { clicks: [9, 2], pledges: 5 }, rule)).toBe(
      '*5 coworkers say they gave.* Link clicks: RAICES: 9 · KIND: fewer than 5',
    );
    expect(donationCountsLine(donations, { clicks: [9, 0], pledges: 5 }, rule)).toBe(
      '*5 coworkers say they gave.* Link clicks: RAICES: 9 · KIND: 0',
    );
  });

  it('once ended, keeps its final counts and drops every button', () => {
    const { blocks } = buildDonationPrompt(
      donations,
      'prompt-1',
      { clicks: [9, 7], pledges: 6 },
      { minAnonymous: 5 },
      { ended: true },
    );
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('*This prompt has ended.* *6 coworkers say they gave.*');
  });

  it('offers End to organizers on an open prompt, carrying the prompt ID only', () => {
    const { blocks } = buildDonationPrompt(
      donations,
      'prompt-1',
      { clicks: [0, 0], pledges: 0 },
      { minAnonymous: 5 },
      { ended: false },
    );
    const end = blocks
      .flatMap((b) => ('elements' in b ? (b.elements as { action_id?: string; value?: string }[]) : []))
      .find((e) => e.action_id === 'donation_end');
    expect(end?.value).toBe('prompt-1');
  });

  it('offers to take a pledge back only to someone who made one, with their answers filled in', () => {
    const fresh = JSON.stringify(buildPledgeModal(donations, 'p', undefined));
    expect(fresh).not.toContain(donationBlocks.withdraw);
    const again = JSON.stringify(buildPledgeModal(donations, 'p', { nonprofit: 1, band: '25-100' }));
    expect(again).toContain(donationBlocks.withdraw);
    expect(again).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"KIND","emoji":true},"value":"1"}',
    );
  });

  it('reads the pledge form and ignores values it did not offer', () => {
    const values = {
      [donationBlocks.nonprofit]: { [donationBlocks.nonprofit]: { selected_option: { value: '7' } } },
      [donationBlocks.band]: { [donationBlocks.band]: { selected_option: { value: 'over-100' } } },
    };
    expect(readPledgeForm(values, 2)).toEqual({ withdraw: false, pledge: { band: 'over-100' } });
  });
});

describe('parseDonateCommand', () => {
  it('posts now, to the current channel by default', () => {
    expect(parseDonateCommand([], 'C0HERE0001')).toEqual({
      ok: true,
      action: 'post',
      channels: ['C0HERE0001'],
    });
    expect(parseDonateCommand(tokens('<#C0A0000001|a> <#C0B0000001|b>'), 'C0HERE0001')).toEqual({
      ok: true,
      action: 'post',
      channels: ['C0A0000001', 'C0B0000001'],
    });
  });

  it('reads a schedule and turning it off', () => {
    expect(parseDonateCommand(tokens('<#C0A0000001|a> every friday 12:00'), 'C0HERE0001')).toEqual({
      ok: true,
      action: 'schedule',
      channels: ['C0A0000001'],
      when: 'every friday 12:00',
    });
    expect(parseDonateCommand(tokens('off <#C0A0000001|a>'), 'C0HERE0001')).toEqual({
      ok: true,
      action: 'off',
      channels: ['C0A0000001'],
    });
  });

  it('names a bad channel and a schedule without a time', () => {
    expect(parseDonateCommand(tokens('#general'), 'C0HERE0001')).toMatchObject({ ok: false });
    expect(parseDonateCommand(tokens('every'), 'C0HERE0001')).toEqual({
      ok: false,
      problem: 'Say when it repeats, such as "every friday 12:00".',
    });
  });
});
