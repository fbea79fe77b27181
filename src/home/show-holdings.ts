import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { updateModalView } from '../delivery/modal-view.js';
import type { Queues } from '../queues/queues.js';
import { buildHoldingsModal } from './blocks/holdings-modal.js';
import { type CollectHoldingsDeps, collectHoldings } from './collect-holdings.js';
import type { HomeViewer } from './store.js';

/**
 * **What Rally holds about me** was pressed and its modal opened: a job fills it in (it reads every letter,
 * poll and prompt, too slow for the 3 s a button has).
 */
export async function requestHoldings(
  deps: { queues: Queues },
  request: HomeViewer & { viewId: string },
): Promise<void> {
  await deps.queues.enqueue('home-holdings', request);
}

/** Fills the person's modal with what Rally holds about them; a modal they closed meanwhile gets nothing. */
export async function showHoldings(
  deps: CollectHoldingsDeps &
    Pick<DeliveryDeps, 'slack' | 'logger'> & { config: Pick<Config, 'homeViewersMs'> },
  request: HomeViewer & { viewId: string },
): Promise<void> {
  const holdings = await collectHoldings(deps, request);
  const hours = Math.round(deps.config.homeViewersMs / 3_600_000);
  await updateModalView(deps, request.viewId, buildHoldingsModal(holdings, hours));
}
