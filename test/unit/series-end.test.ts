import { describe, expect, it } from 'vitest';
import { parseRecurrence } from '../../src/time/recurrence.js';
import { seriesLength, splitSeriesEnd } from '../../src/time/series-end.js';

const zone = 'Europe/Berlin';
// Monday 2 March 2026, 08:00 in Berlin.
const now = new Date('2026-03-02T07:00:00Z');

const recurrence = (words: string) => {
  const read = parseRecurrence(words, zone, now);
  if (!read.ok) throw new Error(read.problem);
  return read.recurrence;
};

const lengthOf = (words: string, max = 52) => {
  const split = splitSeriesEnd(words);
  return seriesLength(recurrence(split.words), split.end, now, zone, max);
};

describe('splitSeriesEnd', () => {
  it('reads "N times" and "until <date>" at the end, and leaves other words whole', () => {
    expect(splitSeriesEnd('every monday at 9am 10 times')).toEqual({
      words: 'every monday at 9am',
      end: { kind: 'times', count: 10 },
    });
    expect(splitSeriesEnd('every 2 hours, for 3 times')).toEqual({
      words: 'every 2 hours',
      end: { kind: 'times', count: 3 },
    });
    expect(splitSeriesEnd('every day at 9am until march 1')).toEqual({
      words: 'every day at 9am',
      end: { kind: 'until', words: 'march 1' },
    });
    expect(splitSeriesEnd('every  weekday at 8:30')).toEqual({ words: 'every weekday at 8:30' });
  });
});

describe('seriesLength', () => {
  it('runs the times asked for, and says when the last one is', () => {
    expect(lengthOf('every monday at 9am 3 times')).toEqual({
      ok: true,
      runs: 3,
      last: new Date('2026-03-16T08:00:00Z'),
      capped: false,
    });
  });

  it('runs through the end of the day named by "until", or to the time given with it', () => {
    // Mon 2, Tue 3, Wed 4 at 09:00: the 4th is included.
    expect(lengthOf('every day at 9am until march 4')).toMatchObject({ ok: true, runs: 3, capped: false });
    expect(lengthOf('every day at 9am until march 4 8am')).toMatchObject({ ok: true, runs: 2 });
  });

  it('stops after the most allowed, with no end or a later one, and says it was cut', () => {
    expect(lengthOf('every day at 9am', 5)).toMatchObject({ ok: true, runs: 5, capped: true });
    expect(lengthOf('every day at 9am 10 times', 5)).toMatchObject({ ok: true, runs: 5, capped: true });
    expect(lengthOf('every day at 9am until march 31', 5)).toMatchObject({ ok: true, runs: 5, capped: true });
    expect(lengthOf('every day at 9am 5 times', 5)).toMatchObject({ ok: true, runs: 5, capped: false });
  });

  it('refuses an end that leaves no run, or that cannot be read', () => {
    expect(lengthOf('every monday at 9am 0 times')).toMatchObject({ ok: false });
    expect(lengthOf('every day at 9am until yesterday')).toMatchObject({ ok: false });
    const early = lengthOf('every day at 9am until today 8:30am');
    expect(early).toMatchObject({ ok: false });
    expect(!early.ok && early.problem).toContain('never go off');
    expect(lengthOf('every day at 9am until the cows come home')).toMatchObject({ ok: false });
  });
});
