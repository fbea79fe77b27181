import { DelayedError, type Job, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import type { RallyContext } from '../src/context.js';
import { PacedError } from '../src/delivery/paced-error.js';
import { requestFailureNotice } from '../src/failed-requests/request-notice.js';
import { homePublishLimit } from '../src/home/publish-home.js';
import { recordDeletedAtEnd, requestCompaction } from '../src/privacy/compaction.js';
import { InvalidJobDataError, parseJobData, type QueueName, queueNames } from '../src/queues/contracts.js';
import { runIdOf, schedulerIds } from '../src/queues/job-ids.js';
import { connectRedis, createWorkerRedis, isConnectionError } from '../src/redis/connections.js';
import { classifySlackError } from '../src/slack/errors.js';
import { processArticlePreview } from './articles.js';
import { processDigestPost, processDigestSchedule } from './digests.js';
import { processDonationEnd, processDonationSchedule } from './donations.js';
import {
  processEventAttendees,
  processEventCancel,
  processEventChange,
  processEventCopyRedraw,
  processEventCreate,
  processEventEnd,
  processEventNotice,
  processEventRemind,
} from './events.js';
import { processRequestFailed } from './failed-requests.js';
import { createFanOut } from './fan-out.js';
import { processHomeHoldings, processHomePublish, processHomeRefresh } from './home.js';
import { processLetterClose, processLetterPreview, processSignaturesExport } from './letters.js';
import { processForget } from './people.js';
import {
  processNudgeDm,
  processPollClose,
  processPollCreate,
  processPollNudge,
  processPollReminder,
} from './polls.js';
import { processCampaignPost, processPostChannel } from './posting.js';
import { processRedisCompact } from './privacy.js';
import type { Processor, Processors } from './processor.js';
import { processCopyRedraw, processMessageRefresh, processRedrawClock } from './redraw.js';
import { processReminderFire, processReminderSchedule } from './reminders.js';

export const processors: Processors = {
  'home-publish': processHomePublish,
  'home-refresh': processHomeRefresh,
  'home-holdings': processHomeHoldings,
  'campaign-post': processCampaignPost,
  'message-refresh': processMessageRefresh,
  'poll-create': processPollCreate,
  'poll-close': processPollClose,
  'poll-reminder': processPollReminder,
  'poll-nudge': processPollNudge,
  'donation-schedule': processDonationSchedule,
  'reminder-schedule': processReminderSchedule,
  'reminder-fire': processReminderFire,
  'digest-schedule': processDigestSchedule,
  'digest-post': processDigestPost,
  forget: processForget,
  'redraw-clock': processRedrawClock,
  'letter-close': processLetterClose,
  'letter-preview': processLetterPreview,
  'article-preview': processArticlePreview,
  'signatures-export': processSignaturesExport,
  'donation-end': processDonationEnd,
  'redis-compact': processRedisCompact,
  'post-channel': processPostChannel,
  'nudge-dm': processNudgeDm,
  'copy-redraw': processCopyRedraw,
  'event-create': processEventCreate,
  'event-remind': processEventRemind,
  'event-notice': processEventNotice,
  'event-change': processEventChange,
  'event-cancel': processEventCancel,
  'event-end': processEventEnd,
  'event-copy-redraw': processEventCopyRedraw,
  'event-attendees': processEventAttendees,
  'request-failed': processRequestFailed,
};

export interface Workers {
  /** True while every worker is running. */
  isRunning(): boolean;
  /** Stops taking jobs and waits for running ones; after `timeoutMs`, abandons them (they are retried). */
  closeAll(timeoutMs: number): Promise<void>;
}

/**
 * Queues whose jobs all workers together start at most `max` times in `duration` ms (BullMQ's limiter is
 * kept in Redis, so it holds across processes): Slack's limit of the one method their jobs call.
 */
const queueLimits: Partial<Record<QueueName, { max: number; duration: number }>> = {
  'home-publish': homePublishLimit,
};

/** Slack refused a job's work for good (`reason` is its error code): the job is not retried. */
class SlackRefusal extends UnrecoverableError {
  constructor(readonly reason: string) {
    super(`slack: ${reason}`);
  }
}

/** A job whose rate limit keeps delaying it gives up after this many starts. */
const maxStartedAttempts = 50;

async function runJob<Q extends QueueName>(
  queue: Q,
  processor: Processor<Q>,
  ctx: RallyContext,
  job: Job,
  token: string | undefined,
): Promise<unknown> {
  const logger = ctx.logger.child({ queue, jobId: job.id, attempt: job.attemptsMade + 1 });
  let data: ReturnType<typeof parseJobData<Q>>;
  try {
    data = parseJobData(queue, job.data);
  } catch (err) {
    if (err instanceof InvalidJobDataError) throw new UnrecoverableError(err.message);
    throw err;
  }
  try {
    return await processor(data, {
      ...ctx,
      logger,
      runId: runIdOf(job),
      fanOut: createFanOut(ctx, job, token),
    });
  } catch (err) {
    if (err instanceof WaitingChildrenError) throw err;
    if (err instanceof PacedError && token) {
      ctx.metrics.jobOutcome(queue, 'paced');
      await job.moveToDelayed(err.retryAt, token);
      throw new DelayedError();
    }
    const failure = classifySlackError(err);
    if (failure.kind === 'rate-limited' && token) {
      // Slack said when to come back: park this job until then without spending an attempt or a worker.
      logger.warn({ retryAfterMs: failure.retryAfterMs }, 'slack rate limit: job delayed');
      ctx.metrics.jobOutcome(queue, 'rate_limited');
      await job.moveToDelayed(Date.now() + failure.retryAfterMs, token);
      throw new DelayedError();
    }
    if (failure.kind === 'permanent') throw new SlackRefusal(failure.reason);
    throw err;
  }
}

/** Starts one worker per queue on a shared connection, each logging its failures. */
export async function startWorkers(ctx: RallyContext, concurrency = 10): Promise<Workers> {
  const connection = createWorkerRedis(ctx.config.redisUrl, ctx.logger);
  await connectRedis(connection, 30_000);
  // What a job's end asks for (a compaction, a notice to its requester), awaited a moment at shutdown.
  const endRequests = new Set<Promise<void>>();
  const afterEnd = (job: Job, request: () => Promise<void>, failure: string) => {
    const pending = request().catch((err: unknown) =>
      ctx.logger.error({ queue: job.queueName, err }, failure),
    );
    endRequests.add(pending);
    void pending.finally(() => endRequests.delete(pending));
  };
  // BullMQ emits these events once it has deleted the job's record (see `recordDeletedAtEnd`).
  const compactAfterDeletedRecord = (job: Job | undefined, outcome: 'completed' | 'failed') => {
    if (!job || !recordDeletedAtEnd(job.opts, outcome)) return;
    afterEnd(job, () => requestCompaction(ctx), 'compaction not requested after a job record was deleted');
  };
  // The person who asked for a job's work hears when it failed for good (see `failed-requests/`).
  const tellRequester = (job: Job, err: Error) => {
    const failed = {
      queue: job.queueName as QueueName,
      jobId: String(job.id),
      data: job.data,
      slackRefusal: err instanceof SlackRefusal ? err.reason : undefined,
    };
    afterEnd(job, () => requestFailureNotice(ctx, failed), 'failed request: its requester not told');
  };
  const workers = queueNames.map((queue) => {
    const processor = processors[queue] as Processor<typeof queue>;
    const worker = new Worker(queue, (job, token) => runJob(queue, processor, ctx, job, token), {
      connection,
      prefix: ctx.keys.prefix,
      concurrency,
      maxStartedAttempts,
      ...(queueLimits[queue] ? { limiter: { ...queueLimits[queue] } } : {}),
    });
    worker.on('completed', (job) => {
      ctx.metrics.jobOutcome(queue, 'completed');
      compactAfterDeletedRecord(job, 'completed');
    });
    worker.on('failed', (job, err) => {
      const final = !job || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      ctx.metrics.jobOutcome(queue, final ? 'failed' : 'retried');
      if (final) compactAfterDeletedRecord(job, 'failed');
      if (final && job) tellRequester(job, err);
      ctx.logger[final ? 'error' : 'warn'](
        { queue, jobId: job?.id, attemptsMade: job?.attemptsMade, err, final },
        final ? 'job failed for good' : 'job failed, will retry',
      );
    });
    // Redis being away is reported once by the connection, not on each of BullMQ's reconnect attempts.
    worker.on('error', (err) => {
      if (!isConnectionError(err)) ctx.logger.error({ queue, err }, 'worker error');
    });
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // The clock that redraws anonymous counts: one scheduler, whatever the number of workers.
  await ctx.queues
    .queue('redraw-clock')
    .upsertJobScheduler(
      schedulerIds.redrawClock,
      { every: ctx.config.redrawClockMs },
      { name: 'redraw-clock', data: {} },
    );

  return {
    isRunning: () => workers.every((w) => w.isRunning()),
    async closeAll(timeoutMs) {
      const graceful = Promise.all(workers.map((w) => w.close())).then(() => 'closed' as const);
      const timedOut = new Promise<'timeout'>((resolve) => setTimeout(resolve, timeoutMs, 'timeout').unref());
      if ((await Promise.race([graceful, timedOut])) === 'timeout') {
        ctx.logger.warn('jobs still running at shutdown deadline: abandoning them, they will be retried');
        await Promise.race([
          Promise.all(workers.map((w) => w.close(true))),
          new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
        ]);
      }
      await Promise.race([
        Promise.allSettled([...endRequests]),
        new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
      ]);
      if (connection.status === 'ready') await connection.quit().catch(() => connection.disconnect());
      else connection.disconnect();
    },
  };
}
