import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from './faults.js';
import { applyFault } from './http-util.js';
import type { RecordLog } from './record-log.js';
import type { SlackState } from './state.js';

/** One POST of a file's bytes to an upload URL the stand-in issued. */
export interface FileUploadPost {
  /** The file the URL was issued for; undefined for a URL the stand-in never issued. */
  fileId?: string;
  /** Bytes taken (the file part of a multipart body, else the raw body). */
  size: number;
  contentType: string;
  status: number;
  at: number;
}

export interface FileUploadDeps {
  state: SlackState;
  faults: FaultPlan;
  uploads: RecordLog<FileUploadPost>;
}

/** `failNext('file_upload', fault)` makes the next POST to an upload URL fail. */
export const FILE_UPLOAD_FAULT_KEY = 'file_upload';

/** The bytes of an upload: Slack takes them raw or as a multipart form (as `files.uploadV2` sends them). */
async function fileBytes(contentType: string, body: Buffer): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return body;
  const form = await new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType },
  }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/**
 * Handles `POST /upload/v1/<ticket>`, the URL files.getUploadURLExternal gives: stores the bytes for the
 * file and answers 200 (https://docs.slack.dev/reference/methods/files.getUploadURLExternal: "Files can be
 * sent as raw bytes or can be multipart form encoded. Slack will return HTTP 200 if the upload is
 * successful; a non-200 response indicates a failure"). The file shows nowhere until
 * files.completeUploadExternal.
 */
export async function handleFileUpload(
  req: IncomingMessage,
  res: ServerResponse,
  ticket: string,
  body: Buffer,
  deps: FileUploadDeps,
): Promise<void> {
  const contentType = req.headers['content-type'] ?? '';
  const fileId = deps.state.uploadTickets.get(ticket);
  const record: FileUploadPost = {
    ...(fileId ? { fileId } : {}),
    size: body.length,
    contentType,
    status: 0,
    at: Date.now(),
  };
  deps.uploads.add(record);
  const fault = deps.faults.takeFault(FILE_UPLOAD_FAULT_KEY);
  if (fault) {
    record.status = applyFault(res, fault) ?? 0;
    deps.uploads.touch(record);
    return;
  }
  const file = fileId ? deps.state.files.get(fileId) : undefined;
  if (!file || file.completed) {
    record.status = 404;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
    deps.uploads.touch(record);
    return;
  }
  const bytes = await fileBytes(contentType, body);
  file.bytes = bytes;
  record.size = bytes.length;
  record.status = 200;
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`OK - ${bytes.length}`);
  deps.uploads.touch(record);
}
