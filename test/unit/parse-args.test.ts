import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  flagValue,
  flagValues,
  isFlagSet,
  parseArgs,
  type FlagSpec,
} from '../../src/parser/parse-args.js';

const specs: readonly FlagSpec[] = [
  { long: 'all', short: 'a', description: 'Show all.' },
  { long: 'quiet', short: 'q', description: 'Show only IDs.' },
  { long: 'rm', description: 'Remove when done.' },
  { long: 'file', short: 'f', valueName: 'PATH', description: 'Dockerfile path.' },
  { long: 'tag', short: 't', valueName: 'NAME', repeatable: true, description: 'Image tag.' },
];

function parse(words: readonly string[]): ReturnType<typeof parseArgs> {
  return parseArgs(words, specs);
}

describe('parseArgs', () => {
  it.each([
    ['long flag then value', ['--file', 'x']],
    ['long flag with equals', ['--file=x']],
    ['short flag then value', ['-f', 'x']],
    ['short flag joined value', ['-fx']],
    ['short flag with equals', ['-f=x']],
    ['value after boolean group', ['-aqf', 'x']],
    ['value joined after group', ['-aqfx']],
  ])('value flag: %s', (_case, words) => {
    expect(flagValue(parse(words), 'file')).toBe('x');
  });

  it('long value keeps later equals', () => {
    expect(flagValue(parse(['--file=a=b']), 'file')).toBe('a=b');
  });

  it('value flag takes dash word', () => {
    const args = parse(['-f', '-a']);

    expect(flagValue(args, 'file')).toBe('-a');
    expect(isFlagSet(args, 'all')).toBe(false);
  });

  it('grouped booleans set each flag', () => {
    const args = parse(['-aq']);

    expect(isFlagSet(args, 'all')).toBe(true);
    expect(isFlagSet(args, 'quiet')).toBe(true);
  });

  it('boolean without short name', () => {
    expect(isFlagSet(parse(['--rm']), 'rm')).toBe(true);
  });

  it('boolean set to false', () => {
    const args = parse(['--all=false']);

    expect(isFlagSet(args, 'all')).toBe(false);
    expect(flagValue(args, 'all')).toBe('false');
  });

  it('boolean set to true', () => {
    expect(isFlagSet(parse(['--all=true']), 'all')).toBe(true);
  });

  it('absent flags read as unset', () => {
    const args = parse([]);

    expect(flagValue(args, 'file')).toBeUndefined();
    expect(flagValues(args, 'tag')).toEqual([]);
    expect(isFlagSet(args, 'all')).toBe(false);
  });

  it('double dash ends flags', () => {
    const args = parse(['-a', '--', '-q', '--file', 'x']);

    expect(args.positionals).toEqual(['-q', '--file', 'x']);
    expect(isFlagSet(args, 'all')).toBe(true);
    expect(isFlagSet(args, 'quiet')).toBe(false);
    expect(flagValue(args, 'file')).toBeUndefined();
  });

  it('positionals keep their order', () => {
    expect(parse(['x', '-a', 'y', '-', 'z']).positionals).toEqual(['x', 'y', '-', 'z']);
  });

  it('repeatable flag keeps order', () => {
    const args = parse(['-t', 'one', '--tag', 'two', '-tthree', '--tag=four']);

    expect(flagValues(args, 'tag')).toEqual(['one', 'two', 'three', 'four']);
    expect(flagValue(args, 'tag')).toBe('four');
  });

  it.each([
    ['value flag twice', ['--file', 'a', '-f', 'b'], 'The flag -f was given more than once'],
    ['boolean flag twice', ['-a', '--all'], 'The flag --all was given more than once'],
    ['boolean twice in group', ['-aa'], 'The flag -a was given more than once'],
    ['unknown long flag', ['--nope'], 'Unknown flag: --nope.'],
    ['unknown long flag with value', ['--nope=1'], 'Unknown flag: --nope.'],
    ['unknown short flag', ['-z'], 'Unknown flag: -z.'],
    ['unknown flag in group', ['-az'], 'Unknown flag: -z.'],
    ['empty long flag name', ['--=x'], 'Unknown flag: --.'],
    ['long flag missing value', ['--file'], 'The flag --file needs a value (PATH).'],
    ['short flag missing value', ['-a', '-f'], 'The flag -f needs a value (PATH).'],
    ['bad boolean value', ['--all=yes'], 'The flag --all takes true or false, not "yes".'],
    ['empty boolean value', ['--all='], 'The flag --all takes true or false, not "".'],
  ])('%s raises UsageError', (_case, words, message) => {
    expect(() => parse(words)).toThrow(UsageError);
    expect(() => parse(words)).toThrow(message);
  });

  it('stopAtFirstPositional passes rest through', () => {
    const args = parseArgs(['-a', 'busybox', 'ls', '-l', '--', 'x'], specs, {
      stopAtFirstPositional: true,
    });

    expect(isFlagSet(args, 'all')).toBe(true);
    expect(args.positionals).toEqual(['busybox', 'ls', '-l', '--', 'x']);
  });

  it('flags after positional parse by default', () => {
    expect(() => parse(['busybox', 'ls', '-l'])).toThrow('Unknown flag: -l.');
  });
});
