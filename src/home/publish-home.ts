import { subcommands } from '../commands/catalog.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { publishHomeView } from '../delivery/home-view.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import { dedupIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import { buildHomeView } from './blocks/home.js';

/** Seconds during which repeated openings of the Home tab by one person publish it once. */
const republishAfterSeconds = 30;

/** The deduplication ID of a person's Home tab publishing: a keyed hash, never their ID. */
export const homeDedupId = (deps: { anonymousIds: AnonymousIds }, teamId: string, userId: string): string =>
  dedupIds.homePublish(deps.anonymousIds.of('home', teamId, userId));

/** Someone opened Rally's Home tab: a job publishes it (coalesced per person for a few seconds). */
export async function requestHomePublish(
  deps: { queues: Queues; anonymousIds: AnonymousIds },
  teamId: string,
  userId: string,
): Promise<void> {
  await deps.queues.enqueue(
    'home-publish',
    { teamId, userId },
    { deduplication: { id: homeDedupId(deps, teamId, userId), ttl: republishAfterSeconds * 1000 } },
  );
}

/** Publishes the App Home tab for the person who opened it. */
export async function publishHome(deps: Pick<DeliveryDeps, 'slack'>, userId: string): Promise<void> {
  await publishHomeView(deps, userId, buildHomeView(subcommands));
}
