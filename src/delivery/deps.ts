import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { RallyMetrics } from '../metrics/metrics.js';
import type { DeliveryStore } from './store.js';

/**
 * What the delivery path needs: the jobs' Web API client, its records and pace, the caps on posts and
 * updates, and a count of what became of each delivery.
 */
export interface DeliveryDeps {
  slack: WebClient;
  deliveries: DeliveryStore;
  config: Pick<Config, 'maxPostsPerSecond' | 'maxUpdatesPerMinute'>;
  logger: Logger;
  metrics: Pick<RallyMetrics, 'delivered'>;
}
