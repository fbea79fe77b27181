import { deliveryIds } from '../src/delivery/delivery-ids.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { buildForgetReport } from '../src/people/blocks/forget-report.js';
import { forgetPerson } from '../src/people/forget-person.js';
import type { Processor } from './processor.js';

/** `forget`: remove what Rally holds under the person, then tell them privately what went. */
export const processForget: Processor<'forget'> = async (data, deps) => {
  const report = await forgetPerson(deps, data.teamId, data.userId);
  const to = { userId: data.userId, responseUrl: data.responseUrl };
  await notifyPrivately(deps, to, buildForgetReport(report), deliveryIds.notice(deps.runId));
};
