/** Donation prompts and pledges, as Rally stores and shows them. */

/** Amount bands a pledge may give; none is required. */
export const amountBands = ['under-25', '25-100', 'over-100'] as const;
export type AmountBand = (typeof amountBands)[number];

/**
 * What someone said they gave: optionally which nonprofit (its place on the prompt's list) and an amount
 * band. No time.
 */
export interface Pledge {
  nonprofit?: number;
  band?: AmountBand;
}

export interface PromptTally {
  /** Link clicks per nonprofit, in the order of the prompt's list. */
  clicks: number[];
  /** People who said they gave. */
  pledges: number;
}

/** A posted donation prompt. */
export interface PromptRef {
  channel: string;
  ts: string;
}
