/** docs/design.md#command-line: 0 success, 1 unexpected failure, 2 bad usage or invalid scenario. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * Ends a command with an exit code once it has said everything it had to say (e.g. `validate`
 * printed the problems it found): the CLI sets the code and prints nothing more.
 */
export class ExitWith extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitWith';
  }
}

/** A failure the user can act on without a stack trace (an output folder that cannot be written). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.FAILED,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
