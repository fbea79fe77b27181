/** An `ok: false` answer of a Web API method, e.g. `channel_not_found`, with any extra fields Slack adds. */
export class SlackApiError extends Error {
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(code: string, extra: Record<string, unknown> = {}) {
    super(code);
    this.name = 'SlackApiError';
    this.code = code;
    this.extra = extra;
  }
}
