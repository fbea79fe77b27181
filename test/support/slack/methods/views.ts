import { SlackApiError } from '../api-error.js';
import { isRecord, optionalString, requireString } from '../args.js';
import { viewObject } from '../shapes.js';
import type { StoredView } from '../state.js';
import { findUser } from '../workspace.js';
import { type MethodContext, type MethodHandler, readBlocks } from './context.js';

/** The `view` argument, checked like Slack: an object of the expected type with at most 100 blocks. */
function viewArg(ctx: MethodContext, allowedTypes: string[]): Record<string, unknown> {
  const view = ctx.args.view;
  if (!isRecord(view) || typeof view.type !== 'string' || !allowedTypes.includes(view.type)) {
    throw new SlackApiError('invalid_arguments', {
      response_metadata: { messages: ['[ERROR] invalid `view`'] },
    });
  }
  const blocks = readBlocks(ctx.state, view.blocks, 100);
  return { ...structuredClone(view), ...(blocks ? { blocks } : {}) };
}

/** Trigger ids are single-use and expire after `triggerTtlMs` (Slack: 3 s). */
function useTrigger(ctx: MethodContext): string | undefined {
  const triggerId = requireString(ctx.args, 'trigger_id', 'invalid_arguments');
  const trigger = ctx.state.triggers.get(triggerId);
  if (!trigger || Date.now() - trigger.issuedAt > ctx.triggerTtlMs)
    throw new SlackApiError('expired_trigger_id');
  if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
  trigger.used = true;
  return trigger.user;
}

function newHash(ctx: MethodContext): string {
  return `${Math.floor(Date.now() / 1000)}.${ctx.state.randomHex(4)}`;
}

function storeModal(ctx: MethodContext, via: 'views.open' | 'views.push'): Record<string, unknown> {
  const view = viewArg(ctx, ['modal']);
  const user = useTrigger(ctx);
  const id = ctx.state.nextId('V');
  const parent =
    via === 'views.push'
      ? [...ctx.state.views.values()]
          .reverse()
          .find((candidate) => candidate.type === 'modal' && candidate.user === user)
      : undefined;
  const stored: StoredView = {
    id,
    type: 'modal',
    ...(user ? { user } : {}),
    view,
    ...(typeof view.external_id === 'string' ? { external_id: view.external_id } : {}),
    hash: newHash(ctx),
    root_view_id: parent?.root_view_id ?? id,
    previous_view_id: parent?.id ?? null,
    via,
    updates: 0,
    history: [],
  };
  ctx.state.views.set(id, stored);
  return { view: viewObject(ctx.workspace, stored) };
}

function checkHash(ctx: MethodContext, stored: StoredView): void {
  const hash = optionalString(ctx.args, 'hash');
  if (hash && hash !== stored.hash) throw new SlackApiError('hash_conflict');
}

function replaceView(ctx: MethodContext, stored: StoredView, view: Record<string, unknown>): void {
  stored.history.push(stored.view);
  stored.view = view;
  stored.hash = newHash(ctx);
  stored.updates += 1;
}

const update: MethodHandler = (ctx) => {
  const viewId = optionalString(ctx.args, 'view_id');
  const externalId = optionalString(ctx.args, 'external_id');
  const stored = [...ctx.state.views.values()].find((candidate) =>
    viewId ? candidate.id === viewId : externalId !== undefined && candidate.external_id === externalId,
  );
  if (!stored) throw new SlackApiError('not_found');
  checkHash(ctx, stored);
  replaceView(ctx, stored, viewArg(ctx, [stored.type]));
  return { view: viewObject(ctx.workspace, stored) };
};

const publish: MethodHandler = (ctx) => {
  const userId = requireString(ctx.args, 'user_id', 'invalid_arguments');
  const user = findUser(ctx.workspace, userId);
  if (!user || user.deleted) throw new SlackApiError('user_not_found');
  const view = viewArg(ctx, ['home']);
  const existingId = ctx.state.homeViews.get(userId);
  const existing = existingId ? ctx.state.views.get(existingId) : undefined;
  if (existing) {
    checkHash(ctx, existing);
    replaceView(ctx, existing, view);
    return { view: viewObject(ctx.workspace, existing) };
  }
  const id = ctx.state.nextId('V');
  const stored: StoredView = {
    id,
    type: 'home',
    user: userId,
    view,
    hash: newHash(ctx),
    root_view_id: id,
    previous_view_id: null,
    via: 'views.publish',
    updates: 0,
    history: [],
  };
  ctx.state.views.set(id, stored);
  ctx.state.homeViews.set(userId, id);
  return { view: viewObject(ctx.workspace, stored) };
};

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': (ctx) => storeModal(ctx, 'views.open'),
  'views.push': (ctx) => storeModal(ctx, 'views.push'),
  'views.update': update,
  'views.publish': publish,
};
