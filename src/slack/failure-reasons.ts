/** What a Slack error code means for a person posting to a channel, in words they can act on. */
const reasons: Record<string, string> = {
  unknown_outcome:
    'Slack did not confirm the post (its answer was lost). Look in the channel: if it is not there, post again.',
  channel_not_found:
    'Rally cannot see this channel: it was deleted, or it is private and Rally is not in it (invite it with `/invite @Rally`).',
  not_in_channel: 'Rally is not in this channel. Invite it with `/invite @Rally`, then post again.',
  is_archived: 'The channel is archived.',
  method_not_supported_for_channel_type: 'Rally cannot post in this kind of conversation.',
  restricted_action: 'A workspace setting does not let Rally post in this channel.',
  restricted_action_read_only_channel: 'The channel is read-only.',
  restricted_action_thread_only_channel: 'The channel only allows replies in threads.',
  msg_too_long: 'The message is too long for Slack.',
  invalid_blocks: 'Slack refused the message layout (invalid blocks); check the campaign file.',
  account_inactive: 'The account Rally posts with was deactivated.',
  not_authed: 'Rally’s token was refused; check SLACK_BOT_TOKEN.',
  invalid_auth: 'Rally’s token was refused; check SLACK_BOT_TOKEN.',
  missing_scope: 'The Slack app lacks a permission it needs; reinstall it from manifest.yml.',
};

export function describeSlackFailure(code: string): string {
  return reasons[code] ?? `Slack answered \`${code}\`.`;
}
