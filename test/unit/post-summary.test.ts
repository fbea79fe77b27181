import { describe, expect, it } from 'vitest';
import { buildPostSummary } from '../../src/posting/blocks/post-summary.js';
import type { ChannelResult } from '../../src/posting/model.js';

/** `count` channels, each posted with a permalink as long as Slack's, but every tenth one failed. */
function results(count: number): ChannelResult[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = `C0CHAN${String(i + 1).padStart(4, '0')}`;
    return {
      channel,
      outcome:
        i % 10 === 9
          ? { status: 'failed', reason: 'Slack did not confirm the post (its answer was lost).' }
          : {
              status: 'posted',
              ts: '1764400000.000100',
              permalink: `https://rally-test.slack.com/archives/${channel}/p1764400000000100`,
            },
    };
  });
}

describe('the summary of a post request', () => {
  for (const count of [1, 100, 500]) {
    it(`fits Slack's limits for ${count} channel(s), with one line per channel, in order`, () => {
      const summary = buildPostSummary('letter', results(count));
      expect(summary.blocks.length).toBeLessThanOrEqual(50);
      const texts = summary.blocks.map((b) => (b as { text?: { text: string } }).text?.text ?? '');
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(3_000);
      const lines = texts.join('\n').split('\n');
      expect(lines[0]).toBe(
        `*Posting the letter: ${count - Math.floor(count / 10)} of ${count} ${count === 1 ? 'channel' : 'channels'} done.*`,
      );
      expect(lines.slice(1).map((l) => /<#(C0CHAN\d+)>/.exec(l)?.[1])).toEqual(
        results(count).map((r) => r.channel),
      );
      expect(summary.text.length).toBeLessThanOrEqual(40_000);
    });
  }
});
