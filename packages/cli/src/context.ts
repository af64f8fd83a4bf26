import { isKnownTimeZone } from '@operable/shared';

/** What every command receives, so tests can run the CLI in-process without touching the real terminal, env or ~. */
export interface CliContext {
  /** Raw write to standard output. */
  out(text: string): void;
  /** Raw write to standard error. */
  err(text: string): void;
  /** One line (newline added) to standard output. */
  print(text?: string): void;
  /** One line to standard error. */
  printError(text?: string): void;
  /** The environment: server configuration for admin verbs, config-file location for remote verbs. */
  env: Record<string, string | undefined>;
  /** Where `login` stores the server URL and API key. */
  configPath: string;
  fetch: typeof fetch;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT/SIGTERM). */
  waitForShutdown(): Promise<string>;
}

/** The zone times are shown in: TZ when it names a known zone, else this machine's. */
export function localZone(ctx: CliContext): string | undefined {
  return ctx.env.TZ && isKnownTimeZone(ctx.env.TZ) ? ctx.env.TZ : undefined;
}

/** A failure the CLI reports as one readable message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes: 0 success, 1 the operation failed, 2 wrong usage, configuration or not logged in. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
