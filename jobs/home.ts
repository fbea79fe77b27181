import { publishHome } from '../src/home/publish-home.js';
import type { Processor } from './processor.js';

/** `home-publish`: publish the App Home tab for the person who opened it. */
export const processHomePublish: Processor<'home-publish'> = (data, deps) => publishHome(deps, data.userId);
