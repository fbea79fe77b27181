import { publishHome, refreshViewersHomes } from '../src/home/publish-home.js';
import { showHoldings } from '../src/home/show-holdings.js';
import type { Processor } from './processor.js';

/** `home-publish`: publish a person's App Home tab with what it shows now. */
export const processHomePublish: Processor<'home-publish'> = (data, deps) => publishHome(deps, data);

/**
 * `home-refresh`: one coalesced publish job for each person who opened the Home tab recently (the organizers
 * among them, when only their tabs changed).
 */
export const processHomeRefresh: Processor<'home-refresh'> = (data, deps) => refreshViewersHomes(deps, data);

/** `home-holdings`: fill the modal of someone who asked what Rally holds about them. */
export const processHomeHoldings: Processor<'home-holdings'> = (data, deps) => showHoldings(deps, data);
