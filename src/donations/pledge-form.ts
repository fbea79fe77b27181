import { z } from 'zod';
import { nonprofitLimits } from '../nonprofits/model.js';
import { donationBlocks } from '../slack/ids.js';
import { type AmountBand, amountBands, type Pledge } from './model.js';

export type PledgeForm = { withdraw: true } | { withdraw: false; pledge: Pledge };

const selected = z.looseObject({ selected_option: z.looseObject({ value: z.string() }).nullish() });
const stateSchema = z.looseObject({
  [donationBlocks.nonprofit]: z.looseObject({ [donationBlocks.nonprofit]: selected }).optional(),
  [donationBlocks.band]: z.looseObject({ [donationBlocks.band]: selected }).optional(),
  [donationBlocks.withdraw]: z
    .looseObject({
      [donationBlocks.withdraw]: z.looseObject({
        selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
      }),
    })
    .optional(),
});

/**
 * Reads the pledge form; anything unexpected is left out rather than trusted. A nonprofit is a place on the
 * prompt's list, below `nonprofits` (by default any place a list can have; `savePledge` checks it against
 * the prompt's own list).
 */
export function readPledgeForm(
  values: Record<string, Record<string, unknown>>,
  nonprofits: number = nonprofitLimits.listed,
): PledgeForm {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { withdraw: false, pledge: {} };
  const state = parsed.data;
  if (state[donationBlocks.withdraw]?.[donationBlocks.withdraw].selected_options?.length)
    return { withdraw: true };
  const chosen = state[donationBlocks.nonprofit]?.[donationBlocks.nonprofit].selected_option?.value;
  // Only the form's own values ("0", "1" ...): Number() would also read "", " 1", "1e0" or "-0".
  const index = /^\d{1,2}$/.test(chosen ?? '') ? Number(chosen) : Number.NaN;
  const band = state[donationBlocks.band]?.[donationBlocks.band].selected_option?.value;
  return {
    withdraw: false,
    pledge: {
      ...(Number.isInteger(index) && index >= 0 && index < nonprofits ? { nonprofit: index } : {}),
      ...((amountBands as readonly string[]).includes(band ?? '') ? { band: band as AmountBand } : {}),
    },
  };
}
