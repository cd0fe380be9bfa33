import type { CommandDefinition } from '../src/command.js';
import { runAttached } from '../src/run/run-attached.js';
import { runDetached } from '../src/run/run-detached.js';
import { parseRunRequest, runFlags } from '../src/run/run-request.js';

export const runCommand: CommandDefinition = {
  name: 'run',
  usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  summary:
    'Run a command in a new container from an image on the daemon (never pulled). Output streams into the thread; with -d the container runs in the background.',
  flags: runFlags,
  // As with `docker run`, everything after the image belongs to the container's command.
  parseOptions: { stopAtFirstPositional: true },
  checkArguments: (positionals) =>
    positionals.length === 0
      ? 'run needs an image, such as /docker run busybox echo hello.'
      : undefined,
  accessTargets: (args, config) => ({ images: [parseRunRequest(args, config.run).image] }),
  validate: (args, config) => {
    parseRunRequest(args, config.run);
  },
  destructive: false,
  output: 'thread',
  run: (context, args) => {
    const request = parseRunRequest(args, context.config.run);
    return request.detach ? runDetached(context, request) : runAttached(context, request);
  },
};
