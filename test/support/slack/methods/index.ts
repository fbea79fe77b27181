import { chatMethods } from './chat.js';
import type { MethodHandler } from './context.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { identityMethods } from './identity.js';
import { reactionMethods } from './reactions.js';
import { viewMethods } from './views.js';

/** Every Web API method the stand-in answers; any other name gets `unknown_method`. */
export const METHODS: ReadonlyMap<string, MethodHandler> = new Map(
  Object.entries({
    ...identityMethods,
    ...chatMethods,
    ...reactionMethods,
    ...viewMethods,
    ...conversationMethods,
    ...fileMethods,
  }),
);

/** Methods called with the app-level (`xapp-`) token; all others need the bot token. */
export const APP_TOKEN_METHODS = new Set(['apps.connections.open']);
