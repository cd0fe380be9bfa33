import type { ExecRenderer, TerminalStream } from './exec-renderer.js';
import { JsonRenderer } from './json-renderer.js';
import { LineRenderer } from './line-renderer.js';
import { TtyRenderer } from './tty-renderer.js';

/** JSON lines when asked, a status updated in place on a terminal, plain lines otherwise. */
export function chooseRenderer(
  json: boolean,
  stdout: TerminalStream,
  stderr: TerminalStream,
): ExecRenderer {
  if (json) {
    return new JsonRenderer(stdout, stderr);
  }
  return stdout.isTTY === true ? new TtyRenderer(stdout, stderr) : new LineRenderer(stdout, stderr);
}
