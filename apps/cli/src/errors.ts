// What the CLI reports when something fails, and how: kubectl's habits (`error: <message>` on stderr,
// exit code 1), with the server's field errors one per line after the message.

/**
 * A failure to report to the person at the terminal. `lines` follow the message, one per line (the
 * server's field errors as `field: reason`, or a hint). Never holds the token.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly lines: readonly string[] = [],
    /** The process's exit code: 1 as kubectl, or a remote command's own status (`capstan exec`). */
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A command line the CLI cannot read: the message, then where to read the command's usage. */
export class UsageError extends CliError {
  constructor(message: string, command: string) {
    super(message, [`See 'capstan ${command} --help' for usage.`]);
    this.name = "UsageError";
  }
}

/** What to print on stderr for a failure: `error: <message>` and its lines. */
export function renderError(e: unknown): { text: string; exitCode: number } {
  if (e instanceof CliError) return { text: [`error: ${e.message}`, ...e.lines].join("\n") + "\n", exitCode: e.exitCode };
  // A fault of the CLI itself: said as such, without a stack (set CAPSTAN_DEBUG=1 to see one).
  const detail = e instanceof Error ? e.message : String(e);
  return { text: `error: ${detail}\n${process.env.CAPSTAN_DEBUG && e instanceof Error ? `${e.stack}\n` : ""}`, exitCode: 1 };
}
