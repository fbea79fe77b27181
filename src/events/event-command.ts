import type { Token } from '../commands/tokenize.js';
import type { Config } from '../config.js';
import { parseEventCommand } from './parse-command.js';
import type { EventRequest } from './request-event.js';
import { unreadableTime } from './times.js';
import { checkEventDraft } from './validate.js';

/**
 * Reads `/rally event "Title" <when> ...` and checks everything that does not need the organizer's zone:
 * the request to queue, or the problem to tell them (the job reads the times again in their zone).
 */
export function readEventCommand(
  args: readonly Token[],
  context: { teamId: string; userId: string; channel: string; responseUrl?: string; now: Date },
  config: Pick<Config, 'minAnonymous'>,
): { ok: true; request: EventRequest } | { ok: false; problem: string } {
  const parsed = parseEventCommand(args);
  if (!parsed.ok) return parsed;
  const { command } = parsed;
  const checked = checkEventDraft({ ...command, description: '' }, config);
  if (!checked.ok) return { ok: false, problem: checked.issues.map((i) => i.message).join(' ') };
  const problem =
    unreadableTime(command.startWords, context.now) ??
    (command.endWords ? unreadableTime(command.endWords, context.now) : undefined);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    request: {
      teamId: context.teamId,
      requestedBy: context.userId,
      channels: command.channels.length > 0 ? command.channels : [context.channel],
      draft: checked.draft,
      startWords: command.startWords,
      endWords: command.endWords,
      responseUrl: context.responseUrl,
    },
  };
}
