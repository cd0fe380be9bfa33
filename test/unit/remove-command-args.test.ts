import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { resolveCommand } from '../../src/dispatch.js';
import { UsageError } from '../../src/errors.js';
import { isFlagSet } from '../../src/parser/parse-args.js';

const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' });

/** Resolves and validates a command line, returning the UsageError message, or undefined. */
function problemWith(text: string): string | undefined {
  try {
    const { command, args } = resolveCommand(text, commands);
    command.validate?.(args, config);
    return undefined;
  } catch (error) {
    if (error instanceof UsageError) {
      return error.message;
    }
    throw error;
  }
}

describe('stop, rm and rmi arguments', () => {
  it('stop needs a container', () => {
    expect(problemWith('stop')).toBe('stop needs a container name or ID.');
  });

  it('rm takes one container', () => {
    expect(problemWith('rm web db')).toBe(
      'rm takes one container; remove several with one command each.',
    );
  });

  it('rmi needs an image', () => {
    expect(problemWith('rmi')).toBe('rmi needs an image tag or ID.');
  });

  it('stop accepts a time', () => {
    expect(problemWith('stop -t 0 web')).toBeUndefined();
  });

  it.each(['abc', '-1', '601'])('stop rejects time %s', (value) => {
    expect(problemWith(`stop --time=${value} web`)).toContain(
      'The flag --time takes whole seconds',
    );
  });

  it('rm reads combined flags', () => {
    const { args } = resolveCommand('rm -fv web', commands);

    expect(isFlagSet(args, 'force')).toBe(true);
    expect(isFlagSet(args, 'volumes')).toBe(true);
  });

  it('ps rejects a bad page', () => {
    expect(problemWith('ps --page 0')).toContain('The flag --page takes a page number');
  });

  it('stop, rm and rmi are destructive', () => {
    const destructive = commands.filter((command) => command.destructive).map((c) => c.name);

    expect(destructive).toEqual(expect.arrayContaining(['stop', 'rm', 'rmi']));
  });
});
