/**
 * Refusals of the application layer, free of any transport: the HTTP edge maps them to problem+json
 * (libs/platform/src/http/problem-details.ts), and the worker, which reuses the same commands, just
 * sees them fail.
 */

/** Not there, or not the caller's to see: both are answered alike, so nothing reveals that it exists. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** The request itself cannot be taken as sent (e.g. an Idempotency-Key reused for another request). */
export class UnprocessableRequestError extends Error {
  override readonly name = 'UnprocessableRequestError';
}
