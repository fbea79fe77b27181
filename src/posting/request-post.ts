import { randomBytes } from 'node:crypto';
import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import type { Queues } from '../queues/queues.js';
import type { PostedKind } from './model.js';

export interface PostRequest {
  kind: PostedKind;
  /** Which letter, for a letter. */
  letterId?: string | undefined;
  /** Which article, for an article. */
  articleId?: string | undefined;
  /** Which event, for an event. */
  eventId?: string | undefined;
  /** Names the request, so that asking twice (a retried job) posts once; random when absent. */
  postId?: string;
  teamId: string;
  requestedBy: string;
  channels: string[];
  /** Where to send the summary privately; without one it is a direct message. */
  responseUrl?: string | undefined;
  confirmShared?: boolean;
  /** What is posted, as the audit names it: "the letter “End the contract”". */
  subject?: string;
}

const subjectOf: Record<PostedKind, string> = {
  article: 'the article',
  letter: 'the letter',
  donation: 'a donation prompt',
  event: 'an event',
};

/** Queues the posting of the article, the letter, a donation prompt or an event; one job per request, named by it. */
export async function requestPost(deps: { queues: Queues } & AuditDeps, request: PostRequest): Promise<void> {
  const postId = request.postId ?? randomBytes(12).toString('base64url');
  await recordOrganizerAction(deps, {
    actor: request.requestedBy,
    action: 'posted',
    subject: request.subject ?? subjectOf[request.kind],
    channels: request.channels,
  });
  await deps.queues.enqueue(
    'campaign-post',
    {
      postId,
      kind: request.kind,
      ...(request.letterId ? { letterId: request.letterId } : {}),
      ...(request.articleId ? { articleId: request.articleId } : {}),
      ...(request.eventId ? { eventId: request.eventId } : {}),
      teamId: request.teamId,
      requestedBy: request.requestedBy,
      channels: request.channels,
      confirmShared: request.confirmShared ?? false,
      ...(request.responseUrl ? { responseUrl: request.responseUrl } : {}),
    },
    { jobId: postId },
  );
}
