import { postDigest } from '../src/digests/post-digest.js';
import { scheduleDigest } from '../src/digests/schedule-digest.js';
import type { Processor } from './processor.js';

/** `digest-schedule`: make a channel's digest a schedule in the organizer's zone. */
export const processDigestSchedule: Processor<'digest-schedule'> = (data, deps) =>
  scheduleDigest(deps, data, deps.runId);

/** `digest-post`: post a channel's digest (scheduled, or now). */
export const processDigestPost: Processor<'digest-post'> = (data, deps) =>
  postDigest(deps, data.channel, deps.runId);
