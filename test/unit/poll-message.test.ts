import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  buildPollMessage,
  buildPollResultsReply,
  optionPercentages,
  pollNotes,
  resultBar,
} from '../../src/polls/blocks/poll-message.js';
import { parsePollIdValue, parsePollVoteValue, pollVoteValue } from '../../src/polls/button-values.js';
import type { PollView } from '../../src/polls/model.js';
import { pollActions, pollBlocks, pollVoteActionPattern } from '../../src/slack/ids.js';

const pollId = 'pX7k2mQ9aB3c';
const creator = 'U0ALICE01';

function view(overrides: Partial<PollView> = {}): PollView {
  return {
    id: pollId,
    question: 'Do we join the walkout on Friday?',
    options: ['Yes', 'No', 'Need more info'],
    emojis: ['one', 'two', 'three'],
    anonymous: false,
    multiple: false,
    hidden: false,
    creatorId: creator,
    closesAt: Date.parse('2026-12-05T01:00:00Z'),
    closed: false,
    counts: [6, 3, 1],
    voters: 10,
    minAnonymous: 5,
    reactionsEnabled: true,
    ...overrides,
  };
}

type AnyBlock = KnownBlock & Record<string, unknown>;
interface ButtonLike {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
}

const blocksOf = (v: PollView) => buildPollMessage(v).blocks as AnyBlock[];
const actions = (blocks: AnyBlock[]) => blocks.filter((b) => b.type === 'actions');
const buttons = (blocks: AnyBlock[]) =>
  actions(blocks).flatMap((b) => (b as unknown as { elements: ButtonLike[] }).elements);
const voteButtons = (blocks: AnyBlock[]) =>
  buttons(blocks).filter((b) => pollVoteActionPattern.test(b.action_id));
/** Every mrkdwn or plain text a reader sees outside the buttons. */
function texts(blocks: AnyBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section' || b.type === 'header')
      return [(b as unknown as { text: { text: string } }).text.text];
    if (b.type === 'context')
      return (b as unknown as { elements: { text: string }[] }).elements.map((e) => e.text);
    return [];
  });
}
const shown = (v: PollView) => texts(blocksOf(v)).join('\n');
/** Text without Slack's mentions and dates, whose IDs and timestamps hold digits of their own. */
const withoutMarkup = (text: string) => text.replace(/<[@!][^>]*>/g, '');

describe('poll message: a public open poll', () => {
  const blocks = blocksOf(view());
  const all = texts(blocks).join('\n');

  it('shows the question as a header, the creator and when it closes in Slack date format', () => {
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Do we join the walkout on Friday?' },
    });
    expect(all).toContain(`Created by <@${creator}>`);
    expect(all).toContain('Closes <!date^1796432400^{date_short_pretty} at {time}|Sat 5 Dec, 01:00 (UTC)>');
  });

  it('shows each option with its emoji, a bar, its count and percentage, and how many voted', () => {
    expect(all).toContain(':one: *Yes*\n██████░░░░  6 votes (60%)');
    expect(all).toContain(':two: *No*\n███░░░░░░░  3 votes (30%)');
    expect(all).toContain(':three: *Need more info*\n█░░░░░░░░░  1 vote (10%)');
    expect(all).toContain('*10 people voted.*');
    expect(buildPollMessage(view()).text).toBe('Poll: Do we join the walkout on Friday? 10 people voted.');
  });

  it('says who can see votes and that reactions count', () => {
    expect(all).toContain(`${pollNotes.public} ${pollNotes.reactions}`);
    expect(pollNotes.public).toBe(
      'Not anonymous: Rally records who voted for what, and the organizers and whoever runs Rally can see it.',
    );
    expect(all).not.toContain(pollNotes.anonymous);
    expect(all).not.toContain(pollNotes.multiple);
  });

  it('has a vote button per option whose value is only the poll ID and the option index', () => {
    const votes = voteButtons(blocks);
    expect(votes.map((b) => b.action_id)).toEqual(['poll_vote_0', 'poll_vote_1', 'poll_vote_2']);
    expect(votes.map((b) => b.text.text)).toEqual(['Yes', 'No', 'Need more info']);
    expect(votes.map((b) => b.value)).toEqual([`${pollId}:0`, `${pollId}:1`, `${pollId}:2`]);
    expect(votes.map((b) => parsePollVoteValue(b.value))).toEqual(
      [0, 1, 2].map((optionIndex) => ({ pollId, optionIndex })),
    );
    expect(actions(blocks)[0]?.block_id).toBe(pollBlocks.votes);
  });

  it('has Close poll (with a confirmation) and the reminder button, valued with the poll ID', () => {
    const manage = actions(blocks).find((b) => b.block_id === pollBlocks.manage) as unknown as {
      elements: (ButtonLike & { confirm?: unknown })[];
    };
    expect(manage.elements.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [pollActions.close, 'Close poll', pollId],
      [pollActions.nudge, "Remind people who haven't voted", pollId],
    ]);
    expect(manage.elements[0]?.confirm).toBeDefined();
  });

  it('leaves out the reaction sentence when reactions are off', () => {
    const text = shown(view({ reactionsEnabled: false }));
    expect(text).toContain(pollNotes.public);
    expect(text).not.toContain(pollNotes.reactions);
  });

  it('says several options can be chosen in a multiple-choice poll', () => {
    expect(shown(view({ multiple: true }))).toContain('You can choose several options.');
  });

  it('escapes the question and options, and says when nobody voted yet', () => {
    const message = buildPollMessage(
      view({ question: 'Ping <!channel> & all?', options: ['<@U0BOB0001>', 'B'], counts: [0, 0], voters: 0 }),
    );
    const text = texts(message.blocks as AnyBlock[]).join('\n');
    // A header is plain text, which Slack never reads as a mention; the notification text is mrkdwn.
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Ping <!channel> & all?' },
    });
    expect(message.text).toContain('Ping &lt;!channel&gt; &amp; all?');
    expect(texts(message.blocks.slice(1) as AnyBlock[]).join('\n')).not.toContain('<!channel>');
    expect(text).toContain('*&lt;@U0BOB0001&gt;*');
    expect(text).toContain('No votes yet.');
    expect(text).toContain('░░░░░░░░░░  0 votes (0%)');
  });

  it('says a poll stored without a closing time (before polls closed by age) stays open until closed', () => {
    const text = shown(view({ closesAt: undefined }));
    expect(text).toContain('Open until it is closed');
    expect(text).not.toContain('<!date^');
  });

  it('says a poll given no closing time closes automatically on its date, unless closed earlier', () => {
    const text = shown(view({ closesByAge: true }));
    expect(text).toContain(
      'Closes automatically on <!date^1796432400^{date_short_pretty} at {time}|Sat 5 Dec, 01:00 (UTC)>, unless closed earlier',
    );
  });
});

describe('poll message: anonymous polls', () => {
  const anonymous = view({ anonymous: true, reactionsEnabled: false, creatorId: creator });
  const blocks = blocksOf(anonymous);

  it('names nobody anywhere, even when a creator ID is passed by mistake', () => {
    const json = JSON.stringify(buildPollMessage(anonymous));
    expect(json).not.toContain(creator);
    expect(json).not.toContain('<@');
    expect(json).not.toMatch(/\bU[A-Z0-9]{8,}\b/);
    expect(texts(blocks).join('\n')).toContain('Anonymous poll');
  });

  it('gives every button a value of the poll ID, with an option index on vote buttons', () => {
    for (const button of buttons(blocks)) expect(button.value).toMatch(new RegExp(`^${pollId}(:\\d)?$`));
    expect(buttons(blocks)).toHaveLength(5);
  });

  it('says exactly who can see what', () => {
    expect(pollNotes.anonymous).toBe(
      'Anonymous: coworkers and organizers never see who voted for what. While the poll is open, whoever runs Rally could look up how a given person voted (that is how Rally stops double votes); when it closes, the key that makes this possible is deleted and nobody can tell any more. Reactions are not counted, because everyone can see who reacted.',
    );
    const text = texts(blocks).join('\n');
    expect(text).toContain(pollNotes.anonymous);
    expect(text).not.toContain(pollNotes.reactions);
    expect(text).not.toContain(pollNotes.public);
  });

  it('shows no number while fewer than the minimum voted, open or closed', () => {
    const few = view({
      anonymous: true,
      reactionsEnabled: false,
      counts: [2, 1, 0],
      voters: 3,
      minAnonymous: 5,
    });
    const open = shown(few);
    expect(open).toContain('Results show once at least 5 people have voted.');
    expect(open).toContain('Closes <!date^');
    expect(withoutMarkup(open)).not.toMatch(/[0-46-9%█░]/);
    expect(buildPollMessage(few).text).not.toMatch(/\d/);
    const closed = shown({ ...few, closed: true });
    expect(closed).toContain(
      'Fewer than 5 people voted, so the results are not shown: numbers that small could show who voted for what.',
    );
    expect(withoutMarkup(closed)).not.toMatch(/[0-46-9%█░]/);
  });

  it('shows the numbers once the minimum voted', () => {
    const text = shown(view({ anonymous: true, counts: [3, 2, 0], voters: 5, minAnonymous: 5 }));
    expect(text).toContain('*5 people voted.*');
    expect(text).toContain('3 votes (60%)');
  });

  it('applies the minimum to anonymous polls only', () => {
    expect(shown(view({ counts: [1, 0, 0], voters: 1, minAnonymous: 5 }))).toContain('*1 person voted.*');
  });
});

describe('poll message: hidden results', () => {
  const hidden = view({ hidden: true, closesAt: undefined, question: 'Walk out?', options: ['Yes', 'No'] });

  it('shows no number at all while open, not even how many voted', () => {
    const message = buildPollMessage({ ...hidden, counts: [7, 4], voters: 11 });
    const text = texts(message.blocks as AnyBlock[]).join('\n');
    expect(text).toContain('Results are hidden until the poll closes.');
    expect(text).toContain(`<@${creator}>`);
    expect(withoutMarkup(text)).not.toMatch(/[0-9%█░]/);
    expect(message.text).not.toMatch(/\d/);
    expect(voteButtons(message.blocks as AnyBlock[])).toHaveLength(2);
  });

  it('shows the results once closed', () => {
    const text = shown({ ...hidden, counts: [7, 4], voters: 11, closed: true });
    expect(text).toContain('7 votes (64%)');
    expect(text).toContain('*Final results:* 11 people voted.');
    expect(text).not.toContain('Results are hidden');
  });
});

describe('poll message: closed polls', () => {
  const closed = view({ closed: true });
  const blocks = blocksOf(closed);

  it('has no buttons at all, and says Closed with the final results', () => {
    expect(actions(blocks)).toHaveLength(0);
    expect(JSON.stringify(blocks)).not.toContain(pollActions.vote);
    const text = texts(blocks).join('\n');
    expect(text).toContain('*Closed*');
    expect(text).not.toContain('Closes <!date');
    expect(text).toContain('6 votes (60%)');
    expect(buildPollMessage(closed).text.startsWith('Closed poll: ')).toBe(true);
  });

  it('says nobody voted when nobody did', () => {
    expect(shown(view({ closed: true, counts: [0, 0, 0], voters: 0 }))).toContain('Nobody voted.');
  });
});

describe('percentages and bars', () => {
  it('adds up to exactly 100 for single-choice polls', () => {
    const cases = [
      [1, 1, 1],
      [2, 1],
      [1, 1, 1, 1, 1, 1, 1],
      [5, 3, 3, 3, 1, 0, 0, 0, 0, 1],
      [999, 1],
      [1, 2, 3, 4, 5, 6],
    ];
    for (const counts of cases) {
      const shares = optionPercentages(
        counts,
        counts.reduce((s, c) => s + c, 0),
        false,
      );
      expect(
        shares.reduce((s, p) => s + p, 0),
        counts.join(','),
      ).toBe(100);
      for (const [i, p] of shares.entries()) {
        const exact = ((counts[i] ?? 0) * 100) / counts.reduce((s, c) => s + c, 0);
        expect(Math.abs(p - exact)).toBeLessThan(1);
      }
    }
    expect(optionPercentages([1, 1, 1], 3, false)).toEqual([34, 33, 33]);
    expect(optionPercentages([2, 1], 3, false)).toEqual([67, 33]);
  });

  it('gives shares of voters for multiple-choice polls, each at most 100', () => {
    expect(optionPercentages([3, 2, 4], 4, true)).toEqual([75, 50, 100]);
    expect(optionPercentages([5, 1], 2, true)).toEqual([100, 20]);
  });

  it('is all zero with no votes', () => {
    expect(optionPercentages([0, 0], 0, false)).toEqual([0, 0]);
    expect(optionPercentages([0, 0], 0, true)).toEqual([0, 0]);
  });

  it('draws ten blocks', () => {
    expect(resultBar(0)).toBe('░░░░░░░░░░');
    expect(resultBar(64)).toBe('██████░░░░');
    expect(resultBar(100)).toBe('██████████');
    expect(resultBar(250)).toBe('██████████');
  });
});

describe('Block Kit limits', () => {
  const options = Array.from({ length: 10 }, (_, i) => `${i} ${'&<>'.repeat(25)}`.slice(0, 75));
  const big = view({
    question: `${'Why & <how> '.repeat(25)}`.slice(0, 300),
    options,
    emojis: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'keycap_ten'],
    counts: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    voters: 45,
    multiple: true,
  });

  for (const [name, v] of [
    ['open', big],
    ['closed', { ...big, closed: true }],
    ['anonymous', { ...big, anonymous: true }],
  ] as const) {
    it(`keeps a ${name} poll of 10 options of 75 characters and a 300-character question within limits`, () => {
      const blocks = blocksOf(v);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) {
        if (block.type === 'header') {
          expect((block as unknown as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(150);
        }
        if (block.type === 'section') {
          expect((block as unknown as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
        }
        if (block.type === 'context') {
          const elements = (block as unknown as { elements: { text: string }[] }).elements;
          expect(elements.length).toBeLessThanOrEqual(10);
          for (const e of elements) expect(e.text.length).toBeLessThanOrEqual(3000);
        }
        if (block.type === 'actions') {
          const elements = (block as unknown as { elements: ButtonLike[] }).elements;
          expect(elements.length).toBeLessThanOrEqual(25);
          expect(new Set(elements.map((e) => e.action_id)).size).toBe(elements.length);
          for (const e of elements) {
            expect(e.text.text.length).toBeLessThanOrEqual(75);
            expect((e.value ?? '').length).toBeLessThanOrEqual(2000);
          }
        }
      }
      const ids = blocks.flatMap((b) => (typeof b.block_id === 'string' ? [b.block_id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it('puts a question too long for a header in a bold section, whole', () => {
    const first = blocksOf(big)[0] as unknown as { type: string; text: { text: string } };
    expect(first.type).toBe('section');
    expect(first.text.text).toContain('Why &amp; &lt;how&gt;');
    expect(first.text.text.startsWith('*')).toBe(true);
    expect(voteButtons(blocksOf(big)).map((b) => b.text.text)).toEqual(options);
  });
});

describe('results reply', () => {
  it('gives every final count, how many voted and the most chosen', () => {
    const reply = buildPollResultsReply(view());
    const text = texts(reply.blocks as AnyBlock[]).join('\n');
    expect(text).toContain('*Final results:* Do we join the walkout on Friday?');
    expect(text).toContain(
      ':one: *Yes*: 6 votes (60%)\n:two: *No*: 3 votes (30%)\n:three: *Need more info*: 1 vote (10%)',
    );
    expect(text).toContain('10 people voted. Most chosen: *Yes*');
    expect(reply.text).toBe(
      'Final results: Do we join the walkout on Friday?: Yes 6 (60%), No 3 (30%), Need more info 1 (10%). 10 people voted.',
    );
  });

  it('names a tie', () => {
    const text = texts(buildPollResultsReply(view({ counts: [4, 4, 2] })).blocks as AnyBlock[]).join('\n');
    expect(text).toContain('Tied for most chosen: *Yes* and *No*');
  });

  it('shows the results of a hidden poll, since it is over', () => {
    expect(buildPollResultsReply(view({ hidden: true })).text).toContain('Yes 6 (60%)');
  });

  it('gives no number for an anonymous poll with too few voters, and says what happened to the records', () => {
    const reply = buildPollResultsReply(view({ anonymous: true, counts: [2, 1, 0], voters: 3 }));
    const text = texts(reply.blocks as AnyBlock[]).join('\n');
    expect(text).toContain('Fewer than 5 people voted, so the results are not shown');
    expect(text.replace('Fewer than 5', '')).not.toMatch(/\d/);
    expect(reply.text.replace('Fewer than 5', '')).not.toMatch(/\d/);
    expect(text).toContain('the record of who voted is deleted at close');
    expect(JSON.stringify(reply)).not.toContain(creator);
  });

  it('says nobody voted', () => {
    expect(buildPollResultsReply(view({ counts: [0, 0, 0], voters: 0 })).text).toContain('Nobody voted.');
  });
});

describe('button values', () => {
  it('round-trip a poll ID and an option index', () => {
    expect(parsePollVoteValue(pollVoteValue('a-b_C9', 9))).toEqual({ pollId: 'a-b_C9', optionIndex: 9 });
    expect(parsePollIdValue(pollId)).toBe(pollId);
  });

  it('refuse anything else', () => {
    for (const bad of [
      `${pollId}:10`,
      `${pollId}:-1`,
      `${pollId}`,
      `${pollId}:1:${creator}`,
      'a b:1',
      42,
      null,
    ]) {
      expect(parsePollVoteValue(bad), String(bad)).toBeUndefined();
    }
    expect(parsePollIdValue('has space')).toBeUndefined();
    expect(() => pollVoteValue('bad:id', 0)).toThrow(RangeError);
    expect(() => pollVoteValue(pollId, 10)).toThrow(RangeError);
  });
});
