import { type Job, WaitingChildrenError } from 'bullmq';
import type { RallyContext } from '../src/context.js';
import { parseJobData, type QueueName } from '../src/queues/contracts.js';
import type { ChildOutcome, FanOut } from '../src/queues/fan-out.js';

/**
 * Children added in one transaction (`addBulk`). The jobs share the producer connection, whose commands
 * time out after 1 s; adding 1,600 children at once took over a second on a busy machine.
 */
const childrenPerTransaction = 100;

/**
 * BullMQ's parent and child jobs behind `FanOut`: children are added with the running job as parent and
 * `ignoreDependencyOnFailure` (a child that fails for good does not block the others: its failure is
 * reported); `collect` moves the parent to waiting-children until they are done.
 * https://docs.bullmq.io/guide/flows/adding-bulks and https://docs.bullmq.io/patterns/process-step-jobs
 */
export function createFanOut(ctx: Pick<RallyContext, 'queues'>, job: Job, token: string | undefined): FanOut {
  const parent = { id: String(job.id), queue: job.queueQualifiedName };
  const waitForChildren = async () => {
    if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    return Promise.all([job.getChildrenValues(), job.getIgnoredChildrenFailures()]);
  };
  return {
    async add(queue, children) {
      // A few at a time: one transaction adding thousands outlasts the connection's command timeout.
      for (let i = 0; i < children.length; i += childrenPerTransaction) {
        await ctx.queues.queue(queue).addBulk(
          children.slice(i, i + childrenPerTransaction).map((child) => ({
            name: queue,
            data: parseJobData(queue, child.data),
            opts: { jobId: child.id, parent, ignoreDependencyOnFailure: true },
          })),
        );
      }
    },
    async collect(queue: QueueName, ids) {
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
      const keyOf = (id: string) => ctx.queues.queue(queue).toKey(id);
      const [values, failures] = await Promise.all([
        job.getChildrenValues(),
        job.getIgnoredChildrenFailures(),
      ]);
      const outcomes = new Map<string, ChildOutcome>();
      for (const id of ids) {
        const key = keyOf(id);
        if (key in values) outcomes.set(id, { done: true, value: values[key] });
        else outcomes.set(id, { done: false, reason: failures[key] ?? 'did not run' });
      }
      return outcomes;
    },
    async collectAll() {
      const [values, failures] = await waitForChildren();
      return { values: Object.values(values), failures: Object.values(failures) };
    },
  };
}
