import { postChannel } from '../src/posting/post-channel.js';
import { postToChannels } from '../src/posting/post-to-channels.js';
import type { Processor } from './processor.js';

/** `campaign-post`: the article, the letter or a donation prompt, to each channel of a request. */
export const processCampaignPost: Processor<'campaign-post'> = (data, deps) =>
  postToChannels(deps, data, deps.runId);

/** `post-channel`: one channel of a post request. */
export const processPostChannel: Processor<'post-channel'> = (data, deps) => postChannel(deps, data);
