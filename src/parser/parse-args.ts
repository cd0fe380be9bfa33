import { UsageError } from '../errors.js';
import { printableExcerpt } from '../format/printable-excerpt.js';

/** One flag a command accepts, named as the Docker CLI names it. */
export interface FlagSpec {
  long: string;
  short?: string;
  /** Placeholder for the flag's value in usage text; absent for boolean flags. */
  valueName?: string;
  repeatable?: boolean;
  description: string;
}

export interface ParseOptions {
  /**
   * Stop reading flags at the first positional argument, as `docker run`
   * does, so that `run busybox ls -l` passes `-l` to the container.
   */
  stopAtFirstPositional?: boolean;
}

/** Flags by long name, each with its values in order; boolean flags hold "true" or "false". */
export interface ParsedArgs {
  flags: ReadonlyMap<string, readonly string[]>;
  positionals: string[];
}

/** Matches words against flag specs: `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `-abc` and `--`. */
export function parseArgs(
  words: readonly string[],
  specs: readonly FlagSpec[],
  options: ParseOptions = {},
): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  let index = 0;

  const record = (spec: FlagSpec, value: string, written: string): void => {
    const values = flags.get(spec.long) ?? [];
    if (values.length > 0 && spec.repeatable !== true) {
      throw new UsageError(`The flag ${written} was given more than once; give it once.`);
    }
    values.push(value);
    flags.set(spec.long, values);
  };

  const takeValue = (spec: FlagSpec, written: string): string => {
    const value = words[index + 1];
    if (value === undefined) {
      throw new UsageError(`The flag ${written} needs a value (${spec.valueName ?? 'VALUE'}).`);
    }
    index += 1;
    return value;
  };

  for (; index < words.length; index += 1) {
    const word = words[index] ?? '';

    if (word === '--') {
      positionals.push(...words.slice(index + 1));
      break;
    }

    if (word.startsWith('--')) {
      const [name, inlineValue] = splitFlag(word.slice(2));
      const spec = specs.find((candidate) => candidate.long === name);
      if (spec === undefined) {
        throw new UsageError(`Unknown flag: --${printableExcerpt(name, 40)}.`);
      }
      const written = `--${name}`;
      if (spec.valueName === undefined) {
        record(spec, parseBoolean(inlineValue ?? 'true', written), written);
      } else {
        record(spec, inlineValue ?? takeValue(spec, written), written);
      }
      continue;
    }

    if (word.startsWith('-') && word.length > 1) {
      parseShortGroup(word, specs, record, (spec, written) => takeValue(spec, written));
      continue;
    }

    positionals.push(word);
    if (options.stopAtFirstPositional === true) {
      positionals.push(...words.slice(index + 1));
      break;
    }
  }

  return { flags, positionals };
}

/**
 * Reads a group of short flags such as `-a`, `-aq` or `-tname:tag`: boolean
 * flags may be combined, and a flag that takes a value ends the group,
 * taking the rest of the word or the next word.
 */
function parseShortGroup(
  word: string,
  specs: readonly FlagSpec[],
  record: (spec: FlagSpec, value: string, written: string) => void,
  takeValue: (spec: FlagSpec, written: string) => string,
): void {
  for (let position = 1; position < word.length; position += 1) {
    const letter = word[position] ?? '';
    const written = `-${letter}`;
    const spec = specs.find((candidate) => candidate.short === letter);
    if (spec === undefined) {
      throw new UsageError(`Unknown flag: ${written}.`);
    }
    if (spec.valueName === undefined) {
      record(spec, 'true', written);
      continue;
    }
    const rest = word.slice(position + 1);
    const value = rest === '' ? takeValue(spec, written) : rest.replace(/^=/, '');
    record(spec, value, written);
    return;
  }
}

function splitFlag(text: string): [string, string | undefined] {
  const index = text.indexOf('=');
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function parseBoolean(value: string, written: string): string {
  if (value === 'true' || value === 'false') {
    return value;
  }
  throw new UsageError(`The flag ${written} takes true or false, not "${value}".`);
}

/** Returns the last value of a flag, or undefined when it was not given. */
export function flagValue(args: ParsedArgs, long: string): string | undefined {
  return args.flags.get(long)?.at(-1);
}

/** Returns every value of a repeatable flag, in the order given. */
export function flagValues(args: ParsedArgs, long: string): readonly string[] {
  return args.flags.get(long) ?? [];
}

/** Reports whether a boolean flag is on. */
export function isFlagSet(args: ParsedArgs, long: string): boolean {
  return flagValue(args, long) === 'true';
}
