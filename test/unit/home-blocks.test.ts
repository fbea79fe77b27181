import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/model.js';
import type { StoredEvent } from '../../src/events/model.js';
import { buildForgetConfirmModal, buildHoldingsModal } from '../../src/home/blocks/holdings-modal.js';
import { buildHomeView, homeBlockLimit, homePrivacyNote, lineSections } from '../../src/home/blocks/home.js';
import type { Holdings, HomeContent, HomeEvent } from '../../src/home/model.js';
import type { Letter } from '../../src/letters/model.js';
import type { Reminder } from '../../src/reminders/model.js';
import {
  homeActions,
  homeViews,
  letterActions,
  organizerActions,
  scheduleActions,
} from '../../src/slack/ids.js';

const rule = { minAnonymous: 5 };
const none = { named: 0, anonymous: 0, waiting: 0 };

const letter = (n: number, status: Letter['status'] = 'open'): Letter => ({
  id: `l${n}`,
  slug: `letter-${n}`,
  status,
  text: { title: `Letter ${n} & more`, addressee: 'The CEO', paragraphs: ['We ask.'] },
  goal: 100,
  closesAt: Date.UTC(2026, 11, 4, 17),
  allowAnonymous: true,
  allowConditional: true,
  createdAt: n,
  origin: 'slack',
  textVersion: 1,
});

const reminder = (n: number, target = 'U0BOB0001'): Reminder => ({
  id: `reminder${n}`,
  teamId: 'T0RALLY01',
  creator: 'U0BOB0001',
  target,
  text: `Reminder ${n} <b>`,
  when: 'in 2 hours',
  at: Date.UTC(2026, 11, 4, 17) + n,
  description: 'Fri 4 Dec, 17:00 (UTC)',
});

const entry = (n: number): AuditEntry => ({
  at: Date.UTC(2026, 11, 4, 17) + n,
  actor: 'U0ALICE01',
  action: 'posted',
  subject: `${'A long title '.repeat(12)}${n}`,
  channels: ['C0GENERAL1', 'C0ORGANIZE', 'C0SHARED01', 'C0NOTJOIN1', 'G0PRIVATE1', 'C0ARCHIVE1'],
});

const event = (n: number, over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: `event${n}`,
  teamId: 'T0RALLY01',
  title: `Walkout ${n} <for> families`,
  description: 'Bring water.',
  place: 'Plaza & steps',
  placeFor: 'everyone',
  mode: 'named',
  startsAt: Date.UTC(2026, 11, 4, 20) + n * 3_600_000,
  endsAt: Date.UTC(2026, 11, 4, 21) + n * 3_600_000,
  endGiven: false,
  zone: 'America/Los_Angeles',
  status: 'open',
  revision: 0,
  createdAt: n,
  ...over,
});

const homeEvent = (n: number, over: Partial<HomeEvent> = {}): HomeEvent => ({
  event: event(n),
  counts: { going: 3, maybe: 1, cant: 0, waitlist: 0 },
  channel: 'C0GENERAL1',
  permalink: `https://x.slack.com/e${n}`,
  ...over,
});

const participant: HomeContent = {
  userId: 'U0BOB0001',
  letters: [
    { letter: letter(1), tally: { named: 3, anonymous: 2, waiting: 0 } },
    { letter: letter(2), tally: none, namedOn: '2026-12-02' },
  ],
  polls: [
    { id: 'poll1xyz', question: 'Walk out?', channel: 'C0GENERAL1', permalink: 'https://x.slack.com/p1' },
  ],
  morePolls: false,
  events: [],
  moreEvents: false,
  reminders: [reminder(1)],
};

/** Every text of the blocks, buttons included. */
function texts(blocks: readonly unknown[]): string[] {
  return blocks.flatMap((b) => {
    const block = b as unknown as Record<string, unknown>;
    const own = block.text as { text?: string } | undefined;
    const elements = (block.elements as { text?: unknown; type?: string }[] | undefined) ?? [];
    const accessory = block.accessory as { text?: { text: string } } | undefined;
    return [
      ...(own?.text ? [own.text] : []),
      ...elements.map((e) =>
        typeof e.text === 'string' ? e.text : ((e.text as { text?: string } | undefined)?.text ?? ''),
      ),
      ...(accessory?.text ? [accessory.text.text] : []),
    ];
  });
}

describe('the Home tab', () => {
  it('shows a participant the two buttons, open letters within the small-numbers rule, polls with links and reminders with Cancel', () => {
    const view = buildHomeView(participant, rule);
    expect(view.type).toBe('home');
    const all = texts(view.blocks).join('\n');
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Rally' } });
    const actions = view.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual([homeActions.holdings, homeActions.forget]);
    expect(all).toContain(homePrivacyNote);
    // Five people signed, two without names: below the threshold, neither that number nor the total shows.
    expect(all).toContain('*Letter 1 &amp; more* · `letter-1`\n*3 named*, and a few without names');
    expect(all).toContain('Goal: 100 signatures.');
    expect(all).toContain(
      'Signing closes <!date^1796403600^{date_short_pretty} at {time}|2026-12-04 17:00 UTC>',
    );
    expect(all).toContain(':white_check_mark: You signed with your name on 2 Dec 2026.');
    const signButtons = view.blocks
      .map(
        (b) => (b as { accessory?: { action_id: string; text: { text: string }; value: string } }).accessory,
      )
      .filter((a) => a?.action_id === letterActions.sign);
    expect(signButtons.map((a) => [a?.value, a?.text.text])).toEqual([
      ['l1', 'Sign'],
      ['l2', 'Your signature'],
    ]);
    expect(all).toContain(
      ':bar_chart: *Walk out?*\nin <#C0GENERAL1> · open until it is closed · <https://x.slack.com/p1|Open the poll>',
    );
    expect(all).toContain('*Reminder 1 &lt;b&gt;*\nFri 4 Dec, 17:00 (UTC), to you');
    expect(all).not.toContain('For organizers');
  });

  it('says what is empty, and how to set a reminder', () => {
    const view = buildHomeView({ ...participant, letters: [], polls: [], reminders: [] }, rule);
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('No letter is open for signing right now.');
    expect(all).toContain('No open poll in the channels you are in.');
    expect(all).toContain('None waiting. Set one with `/rally remind me');
    expect(all).toContain('No upcoming event in the channels you are in');
  });

  it('lists events soonest first with when, the place shown to everyone, counts as drawn and a link', () => {
    const { permalink: _link, ...unlinked } = homeEvent(2);
    const view = buildHomeView(
      { ...participant, events: [homeEvent(1, { namedAnswer: 'maybe' }), unlinked] },
      rule,
    );
    const all = texts(view.blocks).join('\n');
    expect(all).toContain(
      ':spiral_calendar_pad: *Walkout 1 &lt;for&gt; families*\n<!date^1796418000^{date_short_pretty} at {time}|',
    );
    expect(all).toContain(' · Plaza &amp; steps\n*3 going* · 1 maybe · 0 can’t go\n');
    expect(all).toContain(
      'in <#C0GENERAL1> · <https://x.slack.com/e1|Open the event>\n_You answered Maybe._',
    );
    expect(all).not.toContain('Bring water.');
    expect(all.indexOf('Walkout 1')).toBeLessThan(all.indexOf('Walkout 2'));
    expect(all).not.toContain('coming up');
    // A participant's tab has room for ten.
    const many = buildHomeView(
      { ...participant, events: Array.from({ length: 12 }, (_, i) => homeEvent(i)) },
      rule,
    );
    expect(texts(many.blocks).join('\n')).toContain('The 10 soonest are shown; more are coming up');
  });

  it('never shows a place kept for people going, nor a count of a counts-only event below the threshold', () => {
    const hidden = homeEvent(1, { event: event(1, { placeFor: 'going', mode: 'counts' }) });
    const quiet = { ...hidden, counts: { going: 2, maybe: 1, cant: 0, waitlist: 0 } };
    const all = texts(buildHomeView({ ...participant, events: [quiet] }, rule).blocks).join('\n');
    expect(all).not.toContain('Plaza');
    expect(all).not.toContain('shown to people who are going');
    expect(all).toContain('Counts show once at least 5 people have answered.');
    expect(all).not.toMatch(/\d+ going/);
    // From the threshold, the numbers as the event message draws them.
    const drawn = { ...hidden, counts: { going: 4, maybe: 1, cant: 0, waitlist: 0 } };
    expect(texts(buildHomeView({ ...participant, events: [drawn] }, rule).blocks).join('\n')).toContain(
      '*4 going* · 1 maybe · 0 can’t go',
    );
  });

  it('shows a counts-only event the same to every reader: the builder is given no answer to it', () => {
    const quiet = homeEvent(1, { event: event(1, { mode: 'counts' }) });
    const a = buildHomeView({ ...participant, userId: 'U0A', events: [quiet] }, rule);
    const b = buildHomeView({ ...participant, userId: 'U0B', events: [quiet] }, rule);
    expect(a).toEqual(b);
    expect(texts(a.blocks).join('\n')).not.toMatch(/You’re|You answered/);
  });

  it('stays within 100 blocks and 3,000 characters a section when every list is long, saying where to see the rest', () => {
    const content: HomeContent = {
      userId: 'U0ALICE01',
      letters: Array.from({ length: 15 }, (_, i) => ({ letter: letter(i), tally: none })),
      polls: Array.from({ length: 10 }, (_, i) => ({
        id: `poll${i}xyz`,
        question: 'Q'.repeat(300),
        channel: 'C0GENERAL1',
        closesAt: 1,
      })),
      morePolls: true,
      events: Array.from({ length: 10 }, (_, i) => homeEvent(i, { namedAnswer: 'going' })),
      moreEvents: true,
      reminders: Array.from({ length: 14 }, (_, i) => reminder(i)),
      organizer: {
        letters: Array.from({ length: 12 }, (_, i) => ({
          letter: letter(i, i % 2 ? 'closed' : 'draft'),
          tally: none,
        })),
        schedules: {
          digests: Array.from({ length: 4 }, (_, i) => ({
            channel: `C0DIGEST${i}`,
            description: 'daily at 09:00',
          })),
          prompts: Array.from({ length: 4 }, (_, i) => ({
            channel: `C0PROMPT${i}`,
            description: 'every Friday',
          })),
          reminders: Array.from({ length: 5 }, (_, i) => reminder(i, 'C0GENERAL1')),
        },
        audit: { entries: Array.from({ length: 10 }, (_, i) => entry(i)), offset: 0, total: 31 },
        roles: {
          listedOwners: ['U0ALICE01'],
          organizers: Array.from({ length: 11 }, (_, i) => `U0ORG${String(i).padStart(4, '0')}`),
          canChange: true,
        },
      },
    };
    const view = buildHomeView(content, rule);
    expect(view.blocks.length).toBeLessThanOrEqual(homeBlockLimit);
    for (const text of texts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = texts(view.blocks).join('\n');
    expect(all).toContain('And 5 more: `/rally letters` lists them all.');
    expect(all).toContain('The 10 newest are shown; more are open in your channels.');
    // The events take what the other lists leave.
    expect(all).toContain('The 4 soonest are shown; more are coming up: `/rally events` in a channel');
    expect(all).toContain('Walkout 0 &lt;for&gt; families');
    expect(all).toContain('And 4 more: `/rally reminders` lists them all.');
    expect(all).toContain('The 8 newest are shown; 4 more: `/rally letters`.');
    expect(all).toContain('And 3 more: `/rally reminders` in a channel lists its own.');
    expect(all).toContain('The 10 newest of 31: `/rally audit` pages through them.');
    expect(all).toContain('*Organizers added by owners* (11)');
    expect(all).toContain('And 3 more: `/rally organizers` lists them all.');
    const removes = view.blocks.filter(
      (b) => (b as { accessory?: { action_id: string } }).accessory?.action_id === organizerActions.remove,
    );
    expect(removes).toHaveLength(8);
    expect(view.blocks.at(-3)).toMatchObject({
      type: 'actions',
      elements: [{ type: 'users_select', action_id: organizerActions.add }],
    });
    // The footer is there: nothing was cut to fit.
    expect(all).toContain('Every command: `/rally help`.');
    const stops = view.blocks
      .map((b) => (b as { accessory?: { action_id: string } }).accessory?.action_id)
      .filter((id) => id === scheduleActions.stopDigest || id === scheduleActions.stopDonation);
    expect(stops).toHaveLength(8);
  });

  it('packs lines into sections of at most 3,000 characters, in order', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `${i}:${'x'.repeat(400)}`);
    const sections = lineSections(lines) as { text: { text: string } }[];
    expect(sections.length).toBe(2);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => s.text.text).join('\n')).toBe(lines.join('\n'));
  });
});

describe('what Rally holds about me', () => {
  const holdings: Holdings = {
    signatures: [
      { title: 'Letter <1>', slug: 'letter-1', open: true, own: { kind: 'anonymous', day: '2026-12-02' } },
      { title: 'Old', slug: 'old', open: false, own: { kind: 'named', day: '2026-11-02' } },
    ],
    votes: [
      { question: 'Walk out?', channel: 'C0GENERAL1', anonymous: true, closed: false, options: ['Yes'] },
      { question: 'Lunch?', channel: 'C0GENERAL1', anonymous: false, closed: true, options: ['A', 'B'] },
    ],
    pollsStarted: [{ question: 'Walk out?', channel: 'C0GENERAL1', anonymous: true, closed: false }],
    pledges: [{ channel: 'C0GENERAL1', nonprofit: 'RAICES', band: '$25 to $100' }],
    eventAnswers: [
      { title: 'Walkout', answer: 'going', countsOnly: true, open: true, reminders: true },
      { title: 'Town hall', answer: 'cant', countsOnly: false, open: false, reminders: false },
    ],
    reminders: [reminder(1)],
    homeOpenedAt: Date.UTC(2026, 11, 4, 17),
    jobRecords: 2,
    organizerRole: true,
    auditEntries: 3,
  };

  it('lists each kind of record, anonymous ones included, for the person alone', () => {
    const modal = buildHoldingsModal(holdings, 24);
    expect(modal.title.text).toBe('What Rally holds');
    expect(modal.submit).toBeUndefined();
    const all = texts(modal.blocks).join('\n');
    expect(all).toContain('*Signatures*\n• *Letter &lt;1&gt;* (`letter-1`): anonymously, on 2 Dec 2026');
    expect(all).toContain('• *Old* (`old`): with your name, on 2 Nov 2026 (the letter is closed)');
    expect(all).toContain(
      '• *Walk out?* in <#C0GENERAL1>: Yes (an anonymous poll: kept under a code that is erased when it closes)',
    );
    expect(all).toContain('• *Lunch?* in <#C0GENERAL1>: A, B (a closed public poll: kept until it expires)');
    expect(all).toContain(
      '*Polls you started*\n• *Walk out?* in <#C0GENERAL1> (as a code, erased when it closes)',
    );
    expect(all).toContain(
      '• You said you gave, on the donation prompt in <#C0GENERAL1>: RAICES, $25 to $100',
    );
    expect(all).toContain(
      '*Answers to events*\n• *Walkout*: Going, with reminders (a counts-only event: kept under a code that is erased when it ends)',
    );
    expect(all).toContain('• *Town hall*: Can’t go (a named event that is over: kept until it expires)');
    expect(all).toContain('*Reminders you set*\n• Reminder 1 &lt;b&gt;: Fri 4 Dec, 17:00 (UTC), to you');
    expect(all).toContain("That you opened Rally's Home tab, last <!date^1796403600");
    expect(all).toContain('kept 24 hours');
    expect(all).toContain('2 records of your recent requests');
    expect(all).toContain('Your place on the list of organizers');
    expect(all).toContain("Your ID in 3 entries of the organizers' audit");
  });

  it('says when Rally holds nothing, and counts what is past the list', () => {
    const empty = buildHoldingsModal(
      {
        signatures: [],
        votes: [],
        pollsStarted: [],
        pledges: [],
        eventAnswers: [],
        reminders: [],
        jobRecords: 0,
        organizerRole: false,
        auditEntries: 0,
      },
      24,
    );
    expect(texts(empty.blocks)[0]).toBe('Rally holds nothing under your name right now.');
    const many = buildHoldingsModal(
      { ...holdings, reminders: Array.from({ length: 30 }, (_, i) => reminder(i)) },
      24,
    );
    expect(texts(many.blocks).join('\n')).toContain('…and 5 more.');
  });

  it('asks before forgetting, saying what goes', () => {
    const modal = buildForgetConfirmModal();
    expect(modal.callback_id).toBe(homeViews.forget);
    expect(modal.submit?.text).toBe('Forget me');
    expect(texts(modal.blocks).join('\n')).toContain(
      'your answers to events and the reminders you asked for',
    );
    expect(texts(modal.blocks).join('\n')).toContain(
      "your place on the list of organizers and your ID in the organizers' audit (what you did as an organizer stays, without your name), that you opened the Home tab, and records of your requests. This cannot be undone.",
    );
  });
});
