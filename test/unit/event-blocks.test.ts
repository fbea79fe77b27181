import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/commands/tokenize.js';
import { buildAnswerConfirmation, countsOnlyReminderNote } from '../../src/events/blocks/answer-notice.js';
import { buildEventMessage, countsLine } from '../../src/events/blocks/event-message.js';
import { buildChangeThreadNotice, buildEventNotice } from '../../src/events/blocks/event-notices.js';
import type { StoredEvent } from '../../src/events/model.js';
import { parseEventCommand } from '../../src/events/parse-command.js';
import { readEventTimes } from '../../src/events/times.js';
import { eventActions } from '../../src/slack/ids.js';

const rule = { minAnonymous: 5 };
const event: StoredEvent = {
  id: 'ev1ev1',
  teamId: 'T1',
  title: 'Walkout <for> families',
  description: '',
  place: 'Floor 3 & room 12',
  placeFor: 'going',
  mode: 'counts',
  startsAt: Date.UTC(2026, 11, 4, 20, 0),
  endsAt: Date.UTC(2026, 11, 4, 21, 0),
  endGiven: false,
  zone: 'America/Los_Angeles',
  status: 'open',
  revision: 0,
  createdAt: 0,
};
const text = (content: { blocks: unknown[] }) => JSON.stringify(content.blocks);

describe('the event message', () => {
  it('a counts-only event shows no number below the threshold, every number from it', () => {
    expect(countsLine(event, { going: 3, maybe: 1, cant: 0, waitlist: 0 }, rule)).toBe(
      'Counts show once at least 5 people have answered.',
    );
    expect(countsLine(event, { going: 3, maybe: 1, cant: 1, waitlist: 0 }, rule)).toBe(
      '*3 going* · 1 maybe · 1 can’t go',
    );
    expect(
      countsLine({ ...event, status: 'ended' }, { going: 2, maybe: 0, cant: 0, waitlist: 0 }, rule),
    ).toContain('Fewer than 5 people answered, so no counts are shown');
    expect(countsLine({ ...event, mode: 'named' }, { going: 1, maybe: 0, cant: 0, waitlist: 0 }, rule)).toBe(
      '*1 going* · 0 maybe · 0 can’t go',
    );
  });

  it('says how full it is: places left, or full with the waitlist', () => {
    const limited = { ...event, mode: 'named' as const, capacity: 10 };
    expect(countsLine(limited, { going: 7, maybe: 0, cant: 0, waitlist: 0 }, rule)).toContain(
      '3 places left',
    );
    expect(countsLine(limited, { going: 10, maybe: 0, cant: 0, waitlist: 1 }, rule)).toContain(
      'full, 1 person on the waitlist',
    );
  });

  it('hides a place kept for people going, escapes what people typed, and carries only the event ID', () => {
    const shown = text(buildEventMessage(event, { going: 0, maybe: 0, cant: 0, waitlist: 0 }, rule));
    expect(shown).toContain('_shown to people who are going_');
    expect(shown).not.toContain('Floor 3');
    expect(shown).toContain(`"action_id":"${eventActions.going}"`);
    expect(shown).toContain('"value":"ev1ev1"');
    expect(shown).toContain('Counts only: nobody, organizers included, sees who answered');
    expect(shown).not.toContain(eventActions.attendees);
  });

  it('once over, says it took place with the final count and offers no button; cancelled, says so', () => {
    const over = text(
      buildEventMessage({ ...event, status: 'ended' }, { going: 6, maybe: 0, cant: 0, waitlist: 0 }, rule),
    );
    expect(over).toContain('It took place.* Final count: *6 going*');
    expect(over).not.toContain('"type":"actions"');
    const cancelled = buildEventMessage(
      { ...event, status: 'cancelled' },
      { going: 6, maybe: 0, cant: 0, waitlist: 0 },
      rule,
    );
    expect(text(cancelled)).toContain('*Cancelled.*');
    expect(text(cancelled)).not.toContain('going');
  });
});

describe('private answers and notices', () => {
  it('a counts-only confirmation says why reminders are off, and offers them anyway', () => {
    const shown = buildAnswerConfirmation(event, 'going', false, { google: 'https://calendar.google.com/x' });
    expect(shown.text).toContain(countsOnlyReminderNote);
    expect(text(shown)).toContain('Remind me anyway');
    expect(text(shown)).toContain('"value":"ev1ev1:on"');
    expect(shown.text).toContain('Floor 3 &amp; room 12');
  });

  it('a named confirmation says reminders are on; Maybe does not show a place kept for people going', () => {
    const shown = buildAnswerConfirmation({ ...event, mode: 'named' }, 'maybe', true, undefined);
    expect(shown.text).toContain('I’ll remind you privately');
    expect(shown.text).not.toContain('Floor');
    expect(text(shown)).toContain('"value":"ev1ev1:off"');
  });

  it('the thread notice of a change never shows a place kept for people going', () => {
    const notice = buildChangeThreadNotice(event, ['place', 'time']).text;
    expect(notice).toContain('changed; shown to people who are going');
    expect(notice).not.toContain('Floor');
    expect(buildEventNotice(event, 'day-before', 'going').text).toContain('Floor 3');
    expect(buildEventNotice(event, 'day-before', 'maybe').text).not.toContain('Floor 3');
  });
});

const tokens = (line: string) => {
  const read = tokenize(line);
  if (!read.ok) throw new Error(read.error);
  return read.tokens;
};

describe('the inline command and its times', () => {
  it('reads the title, the time (an unquoted "at" is part of it), the place, flags and channels', () => {
    const read = parseEventCommand(
      tokens(
        '"Walkout" friday at 12:00 until 13:30 at "Building 92" capacity 40 counts-only place-for-going <#C0GENERAL1|general>',
      ),
    );
    expect(read).toEqual({
      ok: true,
      command: {
        title: 'Walkout',
        startWords: 'friday at 12:00',
        endWords: '13:30',
        place: 'Building 92',
        placeFor: 'going',
        capacity: 40,
        mode: 'counts',
        channels: ['C0GENERAL1'],
      },
    });
  });

  it('reads the end after the start, in the same zone, and gives an hour when none is given', () => {
    const now = new Date(Date.UTC(2026, 10, 30, 12));
    const read = readEventTimes('dec 4 12:00', '13:30', now, 'Europe/Berlin');
    expect(read).toEqual({
      ok: true,
      startsAt: Date.UTC(2026, 11, 4, 11),
      endsAt: Date.UTC(2026, 11, 4, 12, 30),
      endGiven: true,
    });
    const alone = readEventTimes('dec 4 12:00', undefined, now, 'Europe/Berlin');
    expect(alone.ok && alone.endsAt - alone.startsAt).toBe(3_600_000);
    expect(readEventTimes('dec 4 12:00', 'dec 20 12:00', now, 'Europe/Berlin')).toMatchObject({
      ok: false,
      field: 'ends',
    });
  });
});
