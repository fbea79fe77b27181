/** Slack's date formatting (`<!date^…>`): each reader sees the instant in their own zone. */
import { escapeMrkdwn } from './mrkdwn.js';

/** `2026-12-04 17:00 UTC`: the minute of `ms` on a UTC clock. */
const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The instant `ms` (milliseconds since the epoch) as Slack shows it, `{date_short_pretty} at {time}`
 * ("Today at 5:00 PM") in each reader's own zone. Clients that cannot format dates show `fallback`, by
 * default the minute in UTC (`2026-12-04 17:00 UTC`); it is escaped for mrkdwn.
 */
export function slackDate(ms: number, fallback: string = utcMinute(ms)): string {
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${escapeMrkdwn(fallback)}>`;
}

/**
 * The time of day of `ms` as Slack shows it (`{time}`, "5:00 PM") in each reader's own zone, for the end of
 * something whose date was just given; clients that cannot format dates show `fallback`, escaped.
 */
export function slackTime(ms: number, fallback: string = utcMinute(ms)): string {
  return `<!date^${Math.floor(ms / 1000)}^{time}|${escapeMrkdwn(fallback)}>`;
}
