import { describe, expect, it } from 'vitest';
import { slackDate } from '../../src/slack/blocks/slack-date.js';
import {
  instantFromWallClock,
  isTimeZone,
  knownTimeZone,
  utcFromWallClock,
  wallClockAt,
  weekdayOf,
} from '../../src/time/zones.js';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
  millisecond: 0,
});

describe('zones', () => {
  it('knows IANA names and UTC, and refuses offsets, whole date strings and unknown names', () => {
    const names = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Etc/GMT+5'];
    expect(names.filter((zone) => !isTimeZone(zone))).toEqual([]);
    const others = ['', 'Not/AZone', '+05:00', '-08:00', '2026-01-01T00:00Z[UTC]', ' UTC'];
    expect(others.filter(isTimeZone)).toEqual([]);
    expect(knownTimeZone('+05:00')).toBe('UTC');
    expect(knownTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('moves a skipped time forward by the gap, and takes the first of a repeated one', () => {
    // Los Angeles jumps from 02:00 to 03:00 on 8 March 2026 and back from 02:00 to 01:00 on 1 November.
    const skipped = instantFromWallClock(wall(2026, 3, 8, 2, 30), 'America/Los_Angeles');
    expect(new Date(skipped).toISOString()).toBe('2026-03-08T10:30:00.000Z');
    expect(wallClockAt(skipped, 'America/Los_Angeles')).toMatchObject({ hour: 3, minute: 30 });
    const twice = instantFromWallClock(wall(2026, 11, 1, 1, 30), 'America/Los_Angeles');
    expect(new Date(twice).toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });

  it('reads years before 100 as they are, and names weekdays from Sunday', () => {
    expect(new Date(utcFromWallClock(wall(99, 12, 31))).toISOString()).toBe('0099-12-31T00:00:00.000Z');
    expect(weekdayOf(wall(2026, 12, 6))).toBe(0);
    expect(weekdayOf(wall(2026, 12, 7))).toBe(1);
    expect(weekdayOf(wall(2026, 12, 12))).toBe(6);
  });
});

describe('slackDate', () => {
  const at = Date.parse('2026-12-05T01:00:30Z');

  it('shows each reader their own zone, with the UTC minute as the fallback', () => {
    expect(slackDate(at)).toBe('<!date^1796432430^{date_short_pretty} at {time}|2026-12-05 01:00 UTC>');
  });

  it('escapes a fallback given for mrkdwn', () => {
    expect(slackDate(at, 'Sat 5 Dec <soon> & on')).toBe(
      '<!date^1796432430^{date_short_pretty} at {time}|Sat 5 Dec &lt;soon&gt; &amp; on>',
    );
  });
});
