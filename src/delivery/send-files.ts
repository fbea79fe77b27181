import { classifySlackError } from '../slack/errors.js';
import { giveUp, perChannelIntervalMs } from './deliver.js';
import type { DeliveryDeps } from './deps.js';
import { PacedError } from './paced-error.js';

/** A file to send: its name (Slack reads its type from the extension), the title shown, and its bytes. */
export interface OutgoingFile {
  filename: string;
  title: string;
  bytes: Buffer;
}

/** Files for one person, named (see `delivery-ids.ts`) so that a retried job sends them once. */
export interface FilesDelivery {
  id: string;
  userId: string;
  files: OutgoingFile[];
}

export type FilesResult = { ok: true; repeated: boolean } | { ok: false; reason: string };

/** Milliseconds the upload of one file's bytes may take before the job gives up and is retried. */
const uploadTimeoutMs = 30_000;

/**
 * Sends files to one person's direct messages with Rally, through Slack's upload flow
 * (https://docs.slack.dev/messaging/working-with-files#uploading_files): `conversations.open` for the
 * conversation, `files.getUploadURLExternal` for each file, its bytes POSTed to the URL Slack gave, then
 * one `files.completeUploadExternal` that shares them all in the conversation as one message.
 *
 * Only that last call shows anything, so it alone is marked before it is sent (as `deliver` marks a post):
 * a retry after an earlier attempt failed before it starts again from nothing (the files uploaded and never
 * completed are discarded by Slack), one after Slack shared them finds the record, and one after its
 * answer was lost does not send them again: it reports `unknown_outcome` (the attempt that lost the
 * answer already does), so that the person is told to look. `files.uploadV2` of the Web API client does the three steps in one call and so could not tell
 * these apart. Paced like a post, one a second per conversation; permanent refusals are recorded and
 * returned.
 */
export async function sendFilesPrivately(deps: DeliveryDeps, delivery: FilesDelivery): Promise<FilesResult> {
  const { deliveries, slack, metrics, config } = deps;
  const done = await deliveries.get(delivery.id);
  if (done && 'sending' in done) return giveUp(deps, delivery.id);
  if (done) {
    metrics.delivered('repeated');
    return done.ok ? { ok: true, repeated: true } : done;
  }
  const wait = await deliveries.takeSlot(
    delivery.id,
    delivery.userId,
    perChannelIntervalMs,
    config.maxPostsPerSecond,
  );
  if (wait > 0) {
    metrics.delivered('paced');
    throw new PacedError(Date.now() + wait);
  }
  const refused = async (err: unknown): Promise<FilesResult> => {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    await deliveries.record(delivery.id, { ok: false, reason: failure.reason });
    metrics.delivered('refused');
    deps.logger.warn({ reason: failure.reason }, 'file delivery refused by Slack');
    return { ok: false, reason: failure.reason };
  };

  let channel: string;
  const uploaded: { id: string; title: string }[] = [];
  try {
    const opened = await slack.conversations.open({ users: delivery.userId });
    channel = opened.channel?.id as string;
    for (const file of delivery.files) {
      const ticket = await slack.files.getUploadURLExternal({
        filename: file.filename,
        length: file.bytes.length,
      });
      await uploadBytes(ticket.upload_url as string, file);
      uploaded.push({ id: ticket.file_id as string, title: file.title });
    }
  } catch (err) {
    return refused(err);
  }

  await deliveries.markSending(delivery.id);
  try {
    await slack.files.completeUploadExternal({
      files: uploaded as [{ id: string; title: string }],
      channel_id: channel,
    });
  } catch (err) {
    const failure = classifySlackError(err);
    // Slack answered that it did not share them (a 429, a 5xx): the next attempt is not a second copy.
    if (failure.kind === 'rate-limited' || (failure.kind === 'transient' && !failure.outcomeUnknown))
      await deliveries.clearSending(delivery.id);
    // Their answer was lost: settled now, since a retry would only give up and the job may have none left.
    else if (failure.kind === 'transient') return giveUp(deps, delivery.id);
    return refused(err);
  }
  await deliveries.record(delivery.id, { ok: true, ts: '' });
  metrics.delivered('posted');
  return { ok: true, repeated: false };
}

/** Thrown when Slack's upload URL does not take a file's bytes: the job is retried. */
export class UploadRefusedError extends Error {
  override readonly name = 'UploadRefusedError';
}

/** POSTs one file's bytes, raw, to the URL `files.getUploadURLExternal` gave; Slack answers 200 when it took them. */
async function uploadBytes(url: string, file: OutgoingFile): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file.bytes),
    redirect: 'error',
    signal: AbortSignal.timeout(uploadTimeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status !== 200)
    throw new UploadRefusedError(`upload of ${file.filename} answered HTTP ${res.status}`);
}
