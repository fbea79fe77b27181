/**
 * Thrown when a post must wait for its slot: the worker parks the job until `retryAt` with
 * `moveToDelayed`, spending no attempt and holding no worker.
 */
export class PacedError extends Error {
  override readonly name = 'PacedError';
  constructor(readonly retryAt: number) {
    super(`posting slot free at ${new Date(retryAt).toISOString()}`);
  }
}
