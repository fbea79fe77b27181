import { endPrompt } from '../src/donations/end-prompt.js';
import { scheduleDonationPrompts } from '../src/donations/schedule-prompts.js';
import type { Processor } from './processor.js';

/** `donation-schedule`: make channels' recurring donation prompts schedules in the organizer's zone. */
export const processDonationSchedule: Processor<'donation-schedule'> = (data, deps) =>
  scheduleDonationPrompts(deps, data, deps.runId);

/** `donation-end`: end a prompt (an organizer asked, or it expired). */
export const processDonationEnd: Processor<'donation-end'> = (data, deps) => endPrompt(deps, data);
