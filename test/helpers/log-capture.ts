import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** A JSON logger whose lines are kept in memory, so tests can check what was logged. */
export function createCapturedLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger('debug', destination), lines: () => [...lines] };
}
