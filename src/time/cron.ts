/**
 * Cron patterns for BullMQ Job Schedulers (`queue.upsertJobScheduler(id, { pattern, tz })`). Every
 * pattern is checked with cron-parser, the same library (and major version) BullMQ uses to compute the
 * next run, so what Rally shows and what BullMQ runs agree.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Schedule } from './schedule.js';
import { nextClockChanges } from './zones.js';

/** A repeating time as BullMQ takes it: a six-field cron `pattern` (seconds first) read in the IANA zone `tz`. */
export interface Recurrence {
  /** Cron with a seconds field, e.g. `0 0 9 * * 1` for Mondays at 09:00. */
  pattern: string;
  tz: string;
  /** How people read it, e.g. `every Monday at 09:00 (America/Los_Angeles)`. */
  description: string;
}

/** Days as a cron day-of-week field: `*` for all seven, runs of three or more as ranges (`1-5`). */
export function dayField(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return '*';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const first = sorted[i] as number;
    const last = sorted[j] as number;
    if (j - i >= 2) parts.push(`${first}-${last}`);
    else parts.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  return parts.join(',');
}

/** The six-field cron pattern (seconds first) for `schedule`, e.g. `0 30 8 * * 1-5`. */
export function cronPattern(schedule: Schedule): string {
  switch (schedule.every) {
    case 'hours':
      return `0 0 ${schedule.hours === 1 ? '*' : `*/${schedule.hours}`} * * *`;
    case 'week':
      return `0 ${schedule.time.minute} ${schedule.time.hour} * * ${dayField(schedule.days)}`;
    case 'month':
      return `0 ${schedule.time.minute} ${schedule.time.hour} ${schedule.day === 'last' ? 'L' : schedule.day} * *`;
  }
}

/**
 * Throws unless `pattern` is a valid cron pattern in the IANA zone `tz`, read by cron-parser in strict
 * mode (six fields, not both day fields).
 */
export function assertCronPattern(pattern: string, tz: string): void {
  CronExpressionParser.parse(pattern, { tz, strict: true });
}

const hourMs = 60 * 60 * 1000;

/**
 * Whether cron-parser (so BullMQ) can compute the runs of `recurrence` across the next two clock changes of
 * its zone after `from`. It cannot in Australia/Lord_Howe, whose clocks move by half an hour: there it gives
 * up ("loop limit exceeded") at the change, and a job scheduler would stop.
 */
export function followsClockChanges(recurrence: Recurrence, from: Date): boolean {
  for (const change of nextClockChanges(from.getTime(), recurrence.tz, 2)) {
    try {
      const expression = CronExpressionParser.parse(recurrence.pattern, {
        tz: recurrence.tz,
        currentDate: new Date(change - 2 * hourMs),
        strict: true,
      });
      // Every hour, a run lands two hours past the change within five steps.
      for (let runs = 0; runs < 100; runs++) {
        if (expression.next().getTime() > change + 2 * hourMs) break;
      }
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The next `count` times `recurrence` happens strictly after `from`, as BullMQ computes them (same
 * library): wall-clock times in `recurrence.tz`, so "every monday at 9am" stays at 09:00 there across
 * daylight-saving changes. A time skipped when clocks go forward runs just after the jump (02:30 → 03:30);
 * a time that happens twice when clocks go back runs once, the first time.
 */
export function nextOccurrences(recurrence: Recurrence, from: Date, count: number): Date[] {
  if (!(count >= 1)) return [];
  const expression = CronExpressionParser.parse(recurrence.pattern, {
    tz: recurrence.tz,
    currentDate: from,
    strict: true,
  });
  return expression.take(Math.floor(count)).map((date) => date.toDate());
}
