import { postToChannels } from '../src/posting/post-to-channels.js';
import type { Processor } from './processor.js';

/** `campaign-post`: the article, the letter or a donation prompt, to each channel of a request. */
export const processCampaignPost: Processor<'campaign-post'> = (data, deps) =>
  postToChannels(deps, data, deps.runId);
