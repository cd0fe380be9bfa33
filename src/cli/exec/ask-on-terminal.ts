import { createInterface } from 'node:readline/promises';
import type { TerminalStream } from './exec-renderer.js';

export interface ConfirmationInput {
  /** `--yes` was given: confirm without asking. */
  assumeYes: boolean;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Stream for the prompt (stderr), so that stdout keeps only the command's output. */
  prompt: TerminalStream & NodeJS.WritableStream;
  /** Aborted by Ctrl-C, which counts as no. */
  signal: AbortSignal;
}

export type TerminalDecision =
  | { decision: 'confirm' }
  | { decision: 'cancel'; reason: 'answered_no' | 'no_terminal' | 'interrupted' };

/**
 * Stands in for the Confirm and Cancel buttons of a stop or remove request:
 * `--yes` confirms, a person at a terminal is asked, and without either
 * nobody can answer, so the request is cancelled and nothing changes.
 */
export async function askOnTerminal(input: ConfirmationInput): Promise<TerminalDecision> {
  if (input.assumeYes) {
    return { decision: 'confirm' };
  }
  if (input.stdin.isTTY !== true) {
    return { decision: 'cancel', reason: 'no_terminal' };
  }

  // terminal: false leaves the TTY in cooked mode, so Ctrl-C still raises
  // SIGINT, whose handler aborts `signal`.
  const lines = createInterface({ input: input.stdin, output: input.prompt, terminal: false });
  // The question never settles when stdin ends (Ctrl-D), so the end counts as no.
  const ended = new Promise<undefined>((resolve) => {
    lines.once('close', () => {
      resolve(undefined);
    });
  });
  try {
    const answer = await Promise.race([
      lines.question('Confirm? Type y to go ahead, anything else cancels: ', {
        signal: input.signal,
      }),
      ended,
    ]);
    return answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)
      ? { decision: 'confirm' }
      : { decision: 'cancel', reason: 'answered_no' };
  } catch (error) {
    if (input.signal.aborted) {
      return { decision: 'cancel', reason: 'interrupted' };
    }
    throw error;
  } finally {
    lines.close();
  }
}
