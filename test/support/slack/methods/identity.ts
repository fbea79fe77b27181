import { SlackApiError } from '../api-error.js';
import { requireString } from '../args.js';
import { userObject } from '../shapes.js';
import { findUser } from '../workspace.js';
import { type MethodHandler, requireScope } from './context.js';
import { paginate } from './pagination.js';

const authTest: MethodHandler = ({ workspace }) => ({
  url: `https://${workspace.team.domain}.slack.com/`,
  team: workspace.team.name,
  user: findUser(workspace, workspace.botUserId)?.name ?? 'rally',
  team_id: workspace.team.id,
  user_id: workspace.botUserId,
  bot_id: workspace.botId,
  is_enterprise_install: false,
});

/**
 * The user object, with the person's standing (`is_admin`, `is_owner`, `is_primary_owner`), their own
 * workspace's `team_id` (another one for someone from a Slack Connect partner), `is_bot` and `deleted`.
 * https://docs.slack.dev/reference/methods/users.info
 */
const usersInfo: MethodHandler = (ctx) => {
  requireScope(ctx, 'users:read');
  const user = findUser(ctx.workspace, requireString(ctx.args, 'user', 'user_not_found'));
  if (!user) throw new SlackApiError('user_not_found');
  return { user: userObject(user) };
};

const usersList: MethodHandler = (ctx) => {
  requireScope(ctx, 'users:read');
  const page = paginate(ctx.args, ctx.workspace.users, (user) => user.id, 'user');
  return {
    members: page.items.map(userObject),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: page.response_metadata,
  };
};

/** Answered for the app-level token only; the URL carries a one-time ticket like Slack's. */
const connectionsOpen: MethodHandler = ({ socketModeUrl }) => ({ url: socketModeUrl() });

export const identityMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.list': usersList,
  'apps.connections.open': connectionsOpen,
};
