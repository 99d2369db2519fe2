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

  /** For a terminal (CLI, start-up): the code and message, then one line per detail. */
  toText(): string {
    const lines = (this.details ?? []).map((d) => {
      const { message, en } = (d ?? {}) as { message?: unknown; en?: unknown };
      return typeof message === 'string' ? `  - ${message}${typeof en === 'string' ? ` / ${en}` : ''}` : `  - ${JSON.stringify(d)}`;
    });
    return [`${this.code}: ${this.message}`, ...lines].join('\n');
  }
}
