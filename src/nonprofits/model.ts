import { z } from 'zod';
import { campaignLimits } from '../campaign/schema.js';

/** Nonprofits organizers point coworkers to from donation prompts. */

/** What a donation prompt shows of a nonprofit: its name, its https link and one line about it. */
export interface NonprofitDetails {
  name: string;
  url: string;
  description: string;
}

/** A nonprofit on the list organizers keep (`/rally nonprofits`). */
export interface Nonprofit extends NonprofitDetails {
  id: string;
}

/** The limits of the campaign file's `donations`, so a nonprofit fits wherever a prompt shows it. */
export const nonprofitLimits = {
  name: campaignLimits.donationName,
  url: campaignLimits.url,
  description: campaignLimits.donationDescription,
  /** The most nonprofits listed at once, and so the most a prompt shows. */
  listed: campaignLimits.donations,
} as const;

/** A nonprofit's ID, as buttons carry it. */
export const nonprofitIdPattern = /^[A-Za-z0-9_-]{6,32}$/;

/** How a stored nonprofit (or a prompt's copy of one) is read back; anything else is not trusted. */
export const nonprofitDetailsSchema = z.object({
  name: z.string().min(1),
  url: z.string().min(1),
  description: z.string(),
});

/**
 * The form of a name that two nonprofits may not share: "RAICES" and " raices " are the same nonprofit,
 * whichever way the name was typed or imported.
 */
export const nameKeyOf = (name: string): string =>
  name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
