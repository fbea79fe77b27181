import type { App } from '@slack/bolt';
import type { RallyContext } from '../src/context.js';
import { createRallyCommandHandler } from './commands/rally.js';
import { createAppHomeOpenedHandler } from './events/app-home-opened.js';
import { createDedupeEventsMiddleware } from './middleware/dedupe-events.js';

/** Every slash command Rally answers; `manifest.yml` must declare each (a test checks). */
export const commandHandlers = {
  '/rally': createRallyCommandHandler,
} as const;

/** Every Events API event Rally listens to; `manifest.yml` must subscribe to each (a test checks). */
export const eventHandlers = {
  app_home_opened: createAppHomeOpenedHandler,
} as const;

/** The one place listeners are attached to the app. */
export function registerHandlers(app: App, ctx: RallyContext): void {
  app.use(createDedupeEventsMiddleware(ctx));
  for (const [name, create] of Object.entries(commandHandlers)) app.command(name, create(ctx));
  app.event('app_home_opened', eventHandlers.app_home_opened(ctx));
}
