/** What the fuzzers found, each kept as a plain example so it stays fixed whatever the seed. */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { letterIdFrom } from '../../handlers/types.js';
import { CampaignError, parseCampaign } from '../../src/campaign/load.js';
import { buildUnknownCommandMessage } from '../../src/commands/blocks/help.js';
import { subcommands } from '../../src/commands/catalog.js';
import { parseChannelMentions } from '../../src/commands/channel-mentions.js';
import { routeCommand } from '../../src/commands/route.js';
import { type Token, tokenize } from '../../src/commands/tokenize.js';
import { parseDigestCommand } from '../../src/digests/digest-command.js';
import { countLinkClick } from '../../src/donations/count-link-click.js';
import { parseDonateCommand } from '../../src/donations/donate-command.js';
import { readPledgeForm } from '../../src/donations/pledge-form.js';
import { readSignForm } from '../../src/letters/sign-form.js';
import { closingWords, parsePollCommand } from '../../src/polls/parse-command.js';
import { readPollModal } from '../../src/polls/read-modal.js';
import { parseConfirmSharedValue } from '../../src/posting/blocks/post-summary.js';
import { parsePostCommand } from '../../src/posting/post-command.js';
import { jobSchemas } from '../../src/queues/contracts.js';
import { nextOccurrences, parseRecurrence, parseWhen } from '../../src/time/when.js';

const tokens = (text: string): Token[] => {
  const result = tokenize(text);
  if (!result.ok) throw new Error(result.error);
  return result.tokens;
};
const problemOf = (result: { ok: true } | { ok: false; problem: string }) =>
  result.ok ? '' : result.problem;
const now = new Date('2026-12-01T18:00:00Z');
// Half of an emoji: a high surrogate with no low one after it.
const halfCharacter = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

describe('commands whose words were longer than their job takes (no answer at all before)', () => {
  it('refuses a poll closing time over 200 characters, which still reads as a time', () => {
    const args = tokens(`"Q?" "A" "B" closes ${'on '.repeat(70)}friday`);
    expect(closingWords(args)?.length).toBeGreaterThan(200);
    expect(problemOf(parsePollCommand(args, now, 'UTC'))).toMatch(/^Say when the poll closes in at most 200/);
  });

  it('refuses a digest schedule and a donation schedule over 200 characters', () => {
    const long = `daily ${'x'.repeat(300)}`;
    expect(problemOf(parseDigestCommand(tokens(long)))).toMatch(/^Say when in at most 200 characters/);
    expect(problemOf(parseDonateCommand(tokens(long), 'C0ORGANIZE'))).toMatch(
      /^Say when it repeats in at most 200/,
    );
  });

  it('accepts at 200 characters what the jobs take', () => {
    const when = 'every day at 9am'.padEnd(200, 'x');
    const digest = parseDigestCommand(tokens(when));
    expect(digest).toMatchObject({ ok: true, action: 'schedule' });
    if (digest.ok && digest.action === 'schedule') {
      const job = {
        channel: 'C0ORGANIZE',
        teamId: 'T0RALLY01',
        requestedBy: 'U0ALICE01',
        when: digest.when,
        quiet: false,
      };
      expect(jobSchemas['digest-schedule'].safeParse(job).success).toBe(true);
    }
  });
});

describe('refusals that quoted nothing or half a character', () => {
  it('answers `/rally ""` by showing the empty word it was given', () => {
    expect(routeCommand('«" ')).toEqual({ kind: 'unknown', word: '' });
    const note = buildUnknownCommandMessage('', subcommands).text;
    expect(note).toContain('I don\'t know the command `""`.');
  });

  it('asks for a time when `/rally digest quiet` gives none', () => {
    expect(problemOf(parseDigestCommand(tokens('quiet')))).toBe(
      'Say when before `quiet`, for example `daily 09:00 quiet`.',
    );
  });

  it('never cuts an emoji in two when it echoes a long word', () => {
    const word = `${'a'.repeat(29)}😀😀`;
    const echoes = [
      problemOf(parsePostCommand(tokens(`"${word}"`), 'C0ORGANIZE')),
      problemOf(parseChannelMentions(tokens(`"${'b'.repeat(40)}😀"`))),
      problemOf(parsePollCommand(tokens(`"Q?" "A" "B" ${word}`), now, 'UTC')),
      problemOf(parseWhen(`every day ${'c'.repeat(29)}😀😀`, now, 'UTC')),
      buildUnknownCommandMessage(`${'e'.repeat(40)}😀`, subcommands).text,
    ];
    for (const echo of echoes) {
      expect(echo).toContain('…');
      expect(echo).not.toMatch(halfCharacter);
    }
    expect(problemOf(parseDigestCommand(tokens(`${'d'.repeat(39)}😀`)))).not.toMatch(halfCharacter);
    const modal = readPollModal(
      {
        poll_question: { poll_question: { value: 'Q?' } },
        poll_options: { poll_options: { value: `${'o'.repeat(29)}${'😀'.repeat(24)}\nB` } },
      },
      now,
    );
    expect(modal.ok ? '' : modal.errors.poll_options).not.toMatch(halfCharacter);
  });

  it('cuts a long role to 80 characters with no space or half an emoji at its end', () => {
    const form = (role: string) =>
      readSignForm({
        sign_mode: { sign_mode: { selected_option: { value: 'named' } } },
        sign_role: { sign_role: { value: role } },
      });
    expect(form(`${'a '.repeat(40)}b`)).toEqual({
      ok: true,
      choice: { kind: 'named', role: 'a '.repeat(40).trimEnd() },
    });
    const emoji = form(`${'r'.repeat(79)}😀`);
    expect(emoji.ok && emoji.choice.kind === 'named' ? emoji.choice.role : '').toBe('r'.repeat(79));
  });
});

describe('repeats the scheduler cannot follow', () => {
  it('refuses to repeat in Australia/Lord_Howe, where cron-parser gives up when the clocks move by half an hour', () => {
    const march = new Date('2026-03-01T00:00:00Z');
    expect(problemOf(parseRecurrence('every sun', 'Australia/Lord_Howe', march))).toMatch(
      /^Rally cannot repeat times in Australia\/Lord_Howe: /,
    );
    expect(problemOf(parseWhen('every day at 9am', march, 'Australia/Lord_Howe'))).toMatch(
      /clock changes there/,
    );
    // Half-hour zones whose clocks move by a whole hour are fine, and their next runs are there.
    for (const zone of ['Australia/Adelaide', 'America/St_Johns']) {
      const read = parseRecurrence('every sun', zone, march);
      expect(read.ok).toBe(true);
      if (read.ok) expect(nextOccurrences(read.recurrence, march, 30)).toHaveLength(30);
    }
  });
});

describe('form and button values Rally never makes', () => {
  it('reads a pledge only for a nonprofit value the form offers', () => {
    const pledge = (value: string) =>
      readPledgeForm({ pledge_nonprofit: { pledge_nonprofit: { selected_option: { value } } } }, 3);
    for (const value of ['', ' 1', '1e0', '-0', '0x1', '1.0'])
      expect(pledge(value)).toEqual({ withdraw: false, pledge: {} });
    expect(pledge('2')).toEqual({ withdraw: false, pledge: { nonprofit: 2 } });
  });

  it('reads a button value that is not a string as no value, without throwing', async () => {
    const notAString = { toString: null } as unknown as string;
    expect(parseConfirmSharedValue(notAString)).toBeUndefined();
    // Not a letter Rally named: no letter (an absent value is the campaign letter of copies posted before).
    expect(letterIdFrom(-1 as unknown as string)).toBe('');
    const deps = {
      campaign: { donations: [{}] },
      donations: { nonprofits: async () => undefined, countClick: async () => true },
      pendingRedraws: { add: async () => {} },
    } as unknown as Parameters<typeof countLinkClick>[0];
    expect(await countLinkClick(deps, notAString)).toBe(false);
  });
});

describe('campaign files', () => {
  const refusal = (text: string): CampaignError => {
    try {
      parseCampaign(text, 'campaign.yml');
    } catch (err) {
      if (err instanceof CampaignError) return err;
      throw err;
    }
    throw new Error('expected the campaign to be refused');
  };

  it('refuses aliases that expand to too much as invalid YAML, rather than crashing', () => {
    const levels = Array.from(
      { length: 3 },
      (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`,
    );
    const error = refusal(`a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${levels.join('\n')}\n`);
    expect(error.message).toMatch(
      /^The campaign in campaign.yml is not valid YAML:\n {2}YAML: Excessive alias count/,
    );
  });

  it('reads YAML 1.1 tags such as !!binary as plain text, not as a Buffer whose methods are named', () => {
    expect(refusal('!!binary aGVsbG8=').problems).toEqual([
      'campaign: must be a mapping with article, letter and donations',
    ]);
    expect(refusal('%YAML 1.1\n---\narticle: !!set {a}\n').problems).toContain('letter: is required');
  });

  it('names an empty key as "", not as the whole campaign', () => {
    expect(refusal(stringify({ '': null })).problems).toContain(
      '"": is not a field Rally knows (check the spelling)',
    );
  });
});
