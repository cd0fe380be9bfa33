import type { Environment } from '../config.js';
import type { TerminalStream } from './exec/exec-renderer.js';

/** Streams, environment and process hooks of a CLI subcommand; `process` provides them all outside tests. */
export interface CliIo {
  stdout: TerminalStream & NodeJS.WritableStream;
  stderr: TerminalStream & NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Environment;
  cwd: string;
  /** Emits SIGINT and SIGTERM. */
  signals: NodeJS.EventEmitter;
  /** Ends the process at once, without waiting for cleanup. */
  exitNow: (code: number) => never;
}
