import type { AofCommand } from './aof.js';
import { commandName } from './aof-commands.js';
import { anonymousPollQueues, queueKeyKind, roleOf } from './layout.js';

/** Events BullMQ writes to a queue's stream as a job's record leaves the queue. */
const endEvents = new Set(['completed', 'failed', 'removed']);

/**
 * When each job of `poll-create` and `poll-nudge` ended, by the name of its record, as the AOF tells: BullMQ
 * adds a `completed`, `failed` or `removed` event to the queue's stream in the same transaction that ends
 * the job (and deletes its record when asked to), and Redis writes the entry's ID, which starts with its
 * clock in ms, into the AOF. The last such event of a job wins.
 */
export function jobEnds(commands: Iterable<AofCommand>, prefix: string): Map<string, number> {
  const ends = new Map<string, number>();
  for (const command of commands) {
    if (commandName(command) !== 'XADD') continue;
    const args = command.args.map((arg) => arg.toString('latin1'));
    const role = roleOf(args[1] ?? '', prefix);
    if (role?.kind !== 'queue' || !anonymousPollQueues.includes(role.queue)) continue;
    if (queueKeyKind(role.rest) !== 'events') continue;
    // XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] n [LIMIT n]] id field value ...: the ID is the first
    // argument shaped like one (Redis writes the ID it chose, never `*`).
    const at = args.findIndex((arg, i) => i > 1 && /^\d+-\d+$/.test(arg));
    if (at < 0) continue;
    const fields = new Map<string, string>();
    for (let i = at + 1; i + 1 < args.length; i += 2) fields.set(args[i] ?? '', args[i + 1] ?? '');
    const jobId = fields.get('jobId');
    if (!jobId || !endEvents.has(fields.get('event') ?? '')) continue;
    ends.set(`${prefix}:${role.queue}:${jobId}`, Number(args[at]?.split('-')[0]));
  }
  return ends;
}
