import { subcommands } from '../src/commands/catalog.js';
import { buildHomeView } from '../src/home/blocks/home.js';
import type { JobData } from '../src/queues/queues.js';
import type { JobDeps } from './processor.js';

/** Publishes the App Home tab for the person who opened it. */
export async function processHomePublish(data: JobData<'home-publish'>, { slack }: JobDeps): Promise<void> {
  await slack.views.publish({ user_id: data.userId, view: buildHomeView(subcommands) });
}
