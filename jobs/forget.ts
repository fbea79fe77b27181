import { buildForgetReport } from '../src/commands/blocks/help.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { forgetPerson } from '../src/people/forget-person.js';
import type { JobData } from '../src/queues/queues.js';
import type { JobDeps } from './processor.js';

/** `/rally forget me`: removes what Rally holds under the person, then tells them privately what went. */
export async function processForget(job: JobData<'forget'>, deps: JobDeps): Promise<void> {
  const report = await forgetPerson(deps, job.teamId, job.userId);
  await notifyPrivately(
    { userId: job.userId, responseUrl: job.responseUrl },
    buildForgetReport(report),
    deps,
  );
}
