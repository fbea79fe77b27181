import type { FuzzTarget } from '../run.js';
import { buttonTargets } from './buttons.js';
import { campaignTargets } from './campaign.js';
import { commandTargets } from './commands.js';
import { timeTargets } from './time.js';
import { viewTargets } from './views.js';

/** Every fuzz target, in the order the report lists them. */
export const fuzzTargets: FuzzTarget[] = [
  ...commandTargets,
  ...timeTargets,
  ...buttonTargets,
  ...viewTargets,
  ...campaignTargets,
];
