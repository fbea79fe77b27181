import type { ButtonArgs } from '../types.js';

/** **Read the article** is a link: the browser opens it, and Slack still sends the click, which is acknowledged. */
export function createArticleOpenAction() {
  return async ({ ack }: ButtonArgs): Promise<void> => {
    await ack();
  };
}
