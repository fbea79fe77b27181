import { requestViewersRefresh } from '../src/home/publish-home.js';
import { postChannel } from '../src/posting/post-channel.js';
import { postToChannels } from '../src/posting/post-to-channels.js';
import type { Processor } from './processor.js';

/** `campaign-post`: the article, the letter or a donation prompt, to each channel of a request. */
export const processCampaignPost: Processor<'campaign-post'> = (data, deps) =>
  postToChannels(deps, data, deps.runId);

/**
 * `post-channel`: one channel of a post request. A letter's first post opens it, on every Home tab too; an
 * event's copy puts it on the tabs of that channel's members.
 */
export const processPostChannel: Processor<'post-channel'> = async (data, deps) => {
  const posted = await postChannel(deps, data);
  if (data.kind === 'letter' || data.kind === 'event') await requestViewersRefresh(deps);
  return posted;
};
