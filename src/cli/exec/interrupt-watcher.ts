import { constants } from 'node:os';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

export interface InterruptHandlers {
  /** The first Ctrl-C (or SIGTERM): stop the command and let it clean up. */
  first: (signal: InterruptSignal) => void;
  /** Any later one: the person does not want to wait for the cleanup. */
  again: (signal: InterruptSignal) => void;
}

/**
 * Listens for SIGINT and SIGTERM while a command runs, and distinguishes
 * the first from later ones: the first stops the command cleanly, a later
 * one exits at once.
 */
export class InterruptWatcher {
  private receivedSignal: InterruptSignal | undefined;
  private readonly onSignal = (signal: InterruptSignal): void => {
    if (this.receivedSignal === undefined) {
      this.receivedSignal = signal;
      this.handlers.first(signal);
    } else {
      this.handlers.again(signal);
    }
  };

  constructor(
    private readonly process: NodeJS.EventEmitter,
    private readonly handlers: InterruptHandlers,
  ) {}

  /** The first signal received, or undefined. */
  get received(): InterruptSignal | undefined {
    return this.receivedSignal;
  }

  start(): void {
    this.process.on('SIGINT', this.onSignal);
    this.process.on('SIGTERM', this.onSignal);
  }

  stop(): void {
    this.process.off('SIGINT', this.onSignal);
    this.process.off('SIGTERM', this.onSignal);
  }
}

/** Returns the shell's exit status for a process ended by a signal: 128 plus its number (130 for SIGINT). */
export function signalExitCode(signal: InterruptSignal): number {
  return 128 + constants.signals[signal];
}
