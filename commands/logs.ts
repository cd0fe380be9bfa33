import type { CommandDefinition } from '../src/command.js';
import { logsFlags, parseLogsRequest } from '../src/logs/logs-request.js';
import { showLogs } from '../src/logs/show-logs.js';

export const logsCommand: CommandDefinition = {
  name: 'logs',
  usage: '[OPTIONS] CONTAINER',
  summary:
    "Show the last lines of a container's output in a thread; output too long for one message comes as a file.",
  flags: logsFlags,
  checkArguments: (positionals) =>
    positionals.length === 1
      ? undefined
      : positionals.length === 0
        ? 'logs needs a container name or ID.'
        : 'logs takes exactly one container name or ID.',
  validate: (args) => {
    parseLogsRequest(args);
  },
  destructive: false,
  // In a thread, because logs can be longer than one message and only a
  // thread can carry the file; an ephemeral response cannot.
  output: 'thread',
  run: (context, args) => showLogs(context, parseLogsRequest(args)),
};
