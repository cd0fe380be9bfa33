import { describe, expect, it } from 'vitest';
import { parseExecOptions } from '../../src/cli/exec/exec-options.js';
import { UsageError } from '../../src/errors.js';

describe('parseExecOptions', () => {
  it('defaults', () => {
    expect(parseExecOptions(['ps'])).toEqual({
      json: false,
      assumeYes: false,
      verbose: false,
      logsDir: 'slashdock-logs',
      help: false,
      words: ['ps'],
    });
  });

  it('options before the command', () => {
    const options = parseExecOptions(['--json', '-y', '-v', '--logs-dir', 'out', 'rm', 'web']);

    expect(options.json).toBe(true);
    expect(options.assumeYes).toBe(true);
    expect(options.verbose).toBe(true);
    expect(options.logsDir).toBe('out');
    expect(options.words).toEqual(['rm', 'web']);
  });

  it('logs dir with equals sign', () => {
    expect(parseExecOptions(['--logs-dir=out', 'ps']).logsDir).toBe('out');
  });

  it('options after the command belong to it', () => {
    expect(parseExecOptions(['build', '--no-cache', '--json', 'url']).words).toEqual([
      'build',
      '--no-cache',
      '--json',
      'url',
    ]);
  });

  it('double dash ends the options', () => {
    expect(parseExecOptions(['--', '--json']).words).toEqual(['--json']);
  });

  it('help needs no command', () => {
    expect(parseExecOptions(['--help']).help).toBe(true);
  });

  it.each([
    ['unknown option', ['--no-cache', 'build', 'url'], 'Unknown option --no-cache'],
    ['missing command', ['--json'], 'needs a command'],
    ['missing folder', ['--logs-dir'], '--logs-dir needs a folder'],
    ['value on a switch', ['--json=yes', 'ps'], '--json takes no value'],
  ])('%s is rejected', (_name, argv, message) => {
    expect(() => parseExecOptions(argv)).toThrow(UsageError);
    expect(() => parseExecOptions(argv)).toThrow(message);
  });
});
