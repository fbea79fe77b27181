/** Who the page can act as and which channels it shows, and the workspace summary sent to the page. */
import { CHANNELS, findUser, type SlackStandIn, USERS } from '../support/slack/index.js';
import { type Obj, str } from './block-json.js';
import { HttpError } from './http-io.js';

/** The coworkers the page can act as. */
export const playgroundPeople = [
  USERS.alice,
  USERS.bob,
  USERS.carla,
  USERS.deepa,
  USERS.emeka,
  USERS.partner,
];
/** The channels the page shows: two public ones, a private one and a Slack Connect one. */
export const playgroundChannels = [
  CHANNELS.general,
  CHANNELS.organizing,
  CHANNELS.coreTeam,
  CHANNELS.partners,
];

/** The `user` of a request, which must be one of the playground's people. */
export function requireUser(body: Obj): string {
  const user = str(body.user);
  if (!playgroundPeople.includes(user as (typeof playgroundPeople)[number])) {
    throw new HttpError(400, 'unknown user');
  }
  return user;
}

export function workspaceInfo(standIn: SlackStandIn): Obj {
  const { workspace } = standIn;
  return {
    team: workspace.team.name,
    people: playgroundPeople.map((id) => {
      const user = findUser(workspace, id);
      return {
        id,
        name: user?.real_name ?? id,
        tz: user?.tz ?? 'UTC',
        tzLabel: user?.tz_label ?? '',
        offset: user?.tz_offset ?? 0,
      };
    }),
  };
}
