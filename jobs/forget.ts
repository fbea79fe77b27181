import { buildForgetReport } from '../src/blocks/help.js';
import { forgetPerson } from '../src/privacy/forget.js';
import type { JobData } from '../src/queues.js';
import { notifyPrivately } from './notify.js';
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
