import type { HomeView } from '@slack/types';
import type { DeliveryDeps } from './deps.js';

/**
 * Publishes a person's App Home tab. `views.publish` replaces the whole view, so publishing twice is
 * harmless; errors are left to the job's retries.
 */
export async function publishHomeView(
  deps: Pick<DeliveryDeps, 'slack'>,
  userId: string,
  view: HomeView,
): Promise<void> {
  await deps.slack.views.publish({ user_id: userId, view });
}
