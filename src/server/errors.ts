import { ERRORS, type ErrorCode } from '../contract/errors';

/** An error the API answers with its stable code, status and Chinese message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown[],
    message?: string,
  ) {
    super(message ?? ERRORS[code].zh);
    this.status = ERRORS[code].status;
  }
}
