import type {
  AllMiddlewareArgs,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewResponseAction,
} from '@slack/bolt';
import type { Logger } from '../../src/logger.js';
import { interactionFailedMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { ephemeralReply } from '../types.js';

type Interaction = SlackActionMiddlewareArgs | SlackShortcutMiddlewareArgs | SlackViewMiddlewareArgs;
type Args = Interaction & AllMiddlewareArgs;
type AnyAck = (response?: unknown) => Promise<void>;

/**
 * A trigger_id opens a modal only within 3 s of the interaction
 * (https://docs.slack.dev/interactivity/handling-user-interaction#modal_responses); counted from when the
 * listener started, it is kept short of that for the time the request spent reaching Rally.
 */
const triggerBudgetMs = 2_500;

const modalTitle = 'Not finished';

/**
 * Thrown by a listener that failed but has told the person itself (in a modal it had opened, whose trigger
 * is used up): the failure is logged here like any other, and nothing more is sent.
 */
export class FailureAnswered extends Error {
  constructor(cause: unknown) {
    super('failure answered by the listener', { cause });
  }
}

/** What a view submission's body holds that the failure answer reads. */
interface SubmittedView {
  type: 'view_submission';
  view: { blocks?: { type?: string; block_id?: string }[] };
  response_urls?: { response_url?: string }[];
}

const isViewSubmission = (body: unknown): body is SubmittedView =>
  (body as { type?: unknown }).type === 'view_submission';

/**
 * How a form that failed before it was acknowledged is answered. Slack lets a view submission's ack carry
 * `errors` only keyed by the `block_id` of an input block in that view, and shows them there with the form
 * kept as the person filled it: so a form with an input block gets the answer under its first one, and
 * they can submit again without typing anything anew. A view with no input block (a confirmation) is
 * replaced by a notice instead. https://docs.slack.dev/surfaces/modals#displaying_errors
 */
export function failedSubmissionAck(view: SubmittedView['view']): ViewResponseAction {
  const input = view.blocks?.find((block) => block.type === 'input' && block.block_id);
  if (input?.block_id) {
    return { response_action: 'errors', errors: { [input.block_id]: interactionFailedMessage.text } };
  }
  return { response_action: 'update', view: buildNoticeModal(modalTitle, interactionFailedMessage.text) };
}

/**
 * Tells the person privately after the ack: below the message (its response_url, or a form's first
 * response_url when it has one), or else in a small modal while the trigger is still good; pushed onto the
 * modal the button was in, opened anywhere else (the Home tab, a global shortcut). Not for a form that was
 * already acknowledged: a modal opened with a view submission's trigger is reported opened but is not shown
 * in Slack's desktop clients (https://github.com/slackapi/bolt-js/issues/1072).
 */
async function tellPrivately(args: Args, startedAt: number): Promise<boolean> {
  const body = args.body as {
    response_url?: string;
    response_urls?: { response_url?: string }[];
    trigger_id?: string;
    view?: { type?: string };
    type?: string;
  };
  const responseUrl = body.response_url ?? body.response_urls?.[0]?.response_url;
  if (responseUrl && args.respond) {
    await args.respond(ephemeralReply(interactionFailedMessage));
    return true;
  }
  if (body.type === 'view_submission') return false;
  if (!body.trigger_id || performance.now() - startedAt > triggerBudgetMs) return false;
  const view = buildNoticeModal(modalTitle, interactionFailedMessage.text);
  const inModal = body.type === 'block_actions' && body.view?.type === 'modal';
  if (inModal) await args.client.views.push({ trigger_id: body.trigger_id, view });
  else await args.client.views.open({ trigger_id: body.trigger_id, view });
  return true;
}

/**
 * Runs a button's, shortcut's or form's chain (role guard, listener) so that when it fails with no answer
 * of its own, the person still hears back: the request is acknowledged once (never a second time: Bolt
 * refuses that), then answered privately that Rally could not finish and cannot tell whether it took
 * effect. The failure is logged once, here, and goes no further: Bolt would otherwise log it again, and
 * leave an unacknowledged request to time out. Listeners with an answer of their own (votes, event
 * answers, signing and pledging) catch their failures first and never reach this.
 *
 * The chain is run here rather than by Bolt because Bolt hands every middleware the same `ack`, and only a
 * wrapped one tells whether the listener acknowledged before it failed.
 */
export function answeringFailures(logger: Logger) {
  const log = logger.child({ handler: 'interaction-failed' });
  return <A extends Interaction>(listener: string | RegExp, ...chain: Middleware<A>[]): Middleware<A> => {
    const name = typeof listener === 'string' ? listener : listener.source;
    return async (args) => {
      const startedAt = performance.now();
      let acked = false;
      const ack = (async (response?: unknown) => {
        acked = true;
        await (args.ack as AnyAck)(response);
      }) as A['ack'];
      const run = async (index: number): Promise<void> => {
        const step = chain[index];
        if (step) await step({ ...args, ack, next: () => run(index + 1) } as unknown as typeof args);
      };
      try {
        await run(0);
      } catch (err) {
        const answered = err instanceof FailureAnswered;
        log.error(
          { err: answered ? err.cause : err, listener: name, kind: args.body.type, acked },
          'interaction failed',
        );
        if (answered) return;
        const told = await answerFailure(args, acked, startedAt).catch((answerErr: unknown) => {
          log.warn({ err: answerErr, listener: name }, 'failed interaction not answered');
          return true;
        });
        if (!told) log.warn({ listener: name }, 'failed interaction not answered: no way left to');
      }
    };
  };
}

/** Acknowledges (unless the listener did) and answers privately; false when there was no way left to. */
async function answerFailure(args: Args, acked: boolean, startedAt: number): Promise<boolean> {
  const ack = args.ack as AnyAck;
  if (!acked && isViewSubmission(args.body)) {
    await ack(failedSubmissionAck(args.body.view));
    return true;
  }
  if (!acked) await ack();
  return tellPrivately(args, startedAt);
}
