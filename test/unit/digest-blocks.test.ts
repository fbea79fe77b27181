import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestData, digestPollResult } from '../../src/digests/blocks/digest.js';
import type { PollView } from '../../src/polls/model.js';

const busy: DigestData = {
  channel: 'C0GENERAL1',
  since: 'since Mon 30 Nov, 09:00 (UTC)',
  letters: Array.from({ length: 12 }, (_, i) => ({
    title: `Letter ${i}`,
    now: { named: 900, anonymous: 80, waiting: 20 },
    previous: { named: 800, anonymous: 70, waiting: 20 },
    rule: { minAnonymous: 5 },
    closed: i === 1,
  })),
  polls: Array.from({ length: 100 }, (_, i) => ({
    question: `${'Q'.repeat(300)} ${i}`,
    state: 'closed' as const,
    result: 'Yes 50% · No 50% (10 voters)',
  })),
  donations: Array.from({ length: 50 }, () => ({
    summary: '6 coworkers say they gave.',
    link: 'https://example.org/x',
  })),
  upcoming: Array.from({ length: 100 }, (_, i) => ({ what: `${'R'.repeat(1000)} ${i}`, when: 'tomorrow' })),
};

const view = (over: Partial<PollView>): PollView => ({
  id: 'p1',
  question: 'Q?',
  options: ['Yes', 'No'],
  emojis: ['one', 'two'],
  anonymous: true,
  multiple: false,
  hidden: false,
  closed: true,
  counts: [3, 1],
  voters: 4,
  minAnonymous: 5,
  reactionsEnabled: false,
  ...over,
});

describe('digest builder', () => {
  it('stays one message inside Block Kit limits whatever the activity, counting what it leaves out', () => {
    const { blocks } = buildDigest(busy);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
    const text = JSON.stringify(blocks);
    expect(text).toContain('…and 90 more polls.');
    expect(text).toContain('…and 2 more letters.');
    expect(text).toContain('Letter 1: signing closed. Final count:');
    expect(text).toContain('(110 new since the last digest)');
  });

  it('keeps a poll within its rules: nothing under the anonymous threshold, nothing while hidden', () => {
    expect(digestPollResult(view({}))).toBe('results shown from 5 voters');
    expect(digestPollResult(view({ anonymous: false, hidden: true, closed: false }))).toBe(
      'results hidden until it closes',
    );
    expect(digestPollResult(view({ counts: [4, 1], voters: 5 }))).toBe('Yes 80% · No 20% (5 voters)');
  });

  it('says there is nothing new in one line', () => {
    const { blocks, text } = buildDigest({
      channel: 'C0GENERAL1',
      letters: [],
      polls: [],
      donations: [],
      upcoming: [],
    });
    expect(blocks).toHaveLength(1);
    expect(text).toBe('Rally digest for <#C0GENERAL1>: nothing new.');
  });
});
