import { WebAPIPlatformError, type WebClient } from '@slack/web-api';

/** What `users.info` says about a person that decides whether they may hold a role in Rally. */
export interface WorkspaceMember {
  /** The workspace the person belongs to: another one for someone reaching this one through Slack Connect. */
  teamId: string;
  /** A bot or an app's user (Slackbot included). */
  isBot: boolean;
  /** A deactivated account. */
  deleted: boolean;
  /** The workspace's primary owner, an owner or an admin. */
  runsWorkspace: boolean;
}

/**
 * A person as Slack describes them (https://docs.slack.dev/reference/methods/users.info,
 * https://docs.slack.dev/reference/objects/user-object), or `undefined` when Slack knows no such user.
 * Any other failure is thrown.
 */
export async function readWorkspaceMember(
  slack: WebClient,
  userId: string,
): Promise<WorkspaceMember | undefined> {
  try {
    const { user } = await slack.users.info({ user: userId });
    if (!user) return undefined;
    return {
      teamId: user.team_id ?? '',
      isBot: Boolean(user.is_bot || user.is_app_user || userId === 'USLACKBOT'),
      deleted: Boolean(user.deleted),
      runsWorkspace: Boolean(user.is_primary_owner || user.is_owner || user.is_admin),
    };
  } catch (err) {
    if (err instanceof WebAPIPlatformError && err.data.error === 'user_not_found') return undefined;
    throw err;
  }
}
