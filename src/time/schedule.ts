/** What a repeating time means, before it becomes a cron pattern or a sentence. */
import type { TimeOfDay } from './time-of-day.js';

/**
 * A repeating time by what it means:
 * - `hours`: every `hours` hours on the hour, counted from midnight in the zone (one of {@link hourIntervals});
 * - `week`: on the given weekdays (0 = Sunday … 6 = Saturday; all seven is every day) at `time`;
 * - `month`: on day `day` of each month (1 to 28) or its last day, at `time`.
 */
export type Schedule =
  | { every: 'hours'; hours: number }
  | { every: 'week'; days: readonly number[]; time: TimeOfDay }
  | { every: 'month'; day: number | 'last'; time: TimeOfDay };

/** Hour steps that fit evenly into a day, so "every N hours" keeps the same rhythm across midnight. */
export const hourIntervals = [1, 2, 3, 4, 6, 8, 12] as const;

/** Day names by number, 0 = Sunday, as cron numbers them. */
export const dayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
