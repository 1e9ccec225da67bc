// Typed errors with a code and a human message, raised at every boundary (files, store, HTTP).

export type ErrorCode =
  | 'EMPTY' | 'BINARY' | 'UNDECODABLE' | 'TOO_LARGE' | 'TRUNCATED' | 'MALFORMED' | 'UNSUPPORTED'
  | 'NOT_FOUND' | 'UNREADABLE' | 'INVALID' | 'STORE' | 'CONFLICT' | 'UNAUTHORIZED' | 'FORBIDDEN';

export class DossierError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The file or input the error is about, when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DossierError';
  }

  /** One line for the CLI: "FILE: reason (CODE)". */
  line(): string {
    return `${this.file ? `${this.file}: ` : ''}${this.message} (${this.code})`;
  }
}

/** Any error as a DossierError: ours as it is, anything else (a store's, a bug's) with `code`. */
export function asDossierError(err: unknown, file: string, code: ErrorCode = 'STORE'): DossierError {
  return err instanceof DossierError ? err : new DossierError(code, (err as Error).message, file);
}
