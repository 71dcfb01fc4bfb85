/** Base of our own errors: a stable `code`, and whether the message may be shown to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    readonly expose = false,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class BadInput extends AppError {
  constructor(message: string, code = 'bad_input') {
    super(code, message, 400, true);
    this.name = 'BadInput';
  }
}
