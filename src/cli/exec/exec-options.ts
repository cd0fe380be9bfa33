import { UsageError } from '../../errors.js';

export interface ExecOptions {
  /** One JSON object per line on stdout instead of text. */
  json: boolean;
  /** Confirms a stop or remove request without a prompt. */
  assumeYes: boolean;
  /** Writes the app log to stderr. */
  verbose: boolean;
  /** Folder that files a command attaches (such as a build log) are saved in. */
  logsDir: string;
  help: boolean;
  /** The command and its arguments, as given after the options. */
  words: string[];
}

export const defaultLogsDir = 'slashdock-logs';

export const execUsage = `Usage: slashdock exec [OPTIONS] COMMAND [ARGUMENTS...]

Runs what /docker COMMAND [ARGUMENTS...] runs in Slack, against the Docker
daemon DOCKER_HOST names, and shows the result in the terminal. Give the
command text as one quoted argument, as typed after /docker, or as separate
arguments. Options of slashdock exec go before COMMAND; everything from
COMMAND on belongs to the command.

Options:
  --json            write one JSON object per line to stdout for each event
                    (status, reply, upload, done, fail) and the final result
  -y, --yes         confirm a stop or remove request without asking
  --logs-dir DIR    save attached files, such as the full build log, in DIR
                    (default ./${defaultLogsDir})
  -v, --verbose     write the app log (JSON lines) to stderr, at
                    SLASHDOCK_LOG_LEVEL (default info)
  -h, --help        show this help

Exit status: 0 on success, 1 when the command failed or a confirmation was
declined, 2 when the request was rejected before anything ran, 130 when
Ctrl-C cancelled it.

Examples:
  slashdock exec build https://github.com/acme/api#main
  slashdock exec "run busybox echo 'hello world'"
  slashdock exec --json ps -a`;

/**
 * Reads the options of `slashdock exec` up to the first word that is not
 * one of them; that word and the rest are the command text. Throws a
 * UsageError for an unknown option or a missing value.
 */
export function parseExecOptions(argv: readonly string[]): ExecOptions {
  const options: ExecOptions = {
    json: false,
    assumeYes: false,
    verbose: false,
    logsDir: defaultLogsDir,
    help: false,
    words: [],
  };

  let index = 0;
  while (index < argv.length) {
    const word = argv[index] ?? '';
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('-')) {
      break;
    }

    const [name, inlineValue] = splitInlineValue(word);
    switch (name) {
      case '--json':
        options.json = true;
        break;
      case '-y':
      case '--yes':
        options.assumeYes = true;
        break;
      case '-v':
      case '--verbose':
        options.verbose = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--logs-dir': {
        const value = inlineValue ?? argv[index + 1];
        if (value === undefined || value === '') {
          throw new UsageError('--logs-dir needs a folder, such as --logs-dir ./logs.', execUsage);
        }
        options.logsDir = value;
        index += inlineValue === undefined ? 1 : 0;
        break;
      }
      default:
        throw new UsageError(
          `Unknown option ${name} for slashdock exec. Options of the command itself go after its name, as in slashdock exec build --no-cache URL.`,
          execUsage,
        );
    }
    if (inlineValue !== undefined && name !== '--logs-dir') {
      throw new UsageError(`${name} takes no value.`, execUsage);
    }
    index += 1;
  }

  options.words = argv.slice(index);
  if (options.words.length === 0 && !options.help) {
    throw new UsageError('slashdock exec needs a command, such as slashdock exec help.', execUsage);
  }
  return options;
}

function splitInlineValue(word: string): [string, string | undefined] {
  const equals = word.indexOf('=');
  return equals === -1 || !word.startsWith('--')
    ? [word, undefined]
    : [word.slice(0, equals), word.slice(equals + 1)];
}
