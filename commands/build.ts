import type { CommandDefinition } from '../src/command.js';
import { buildFlags, parseBuildRequest } from '../src/build/build-request.js';
import { runBuild } from '../src/build/run-build.js';

export const buildCommand: CommandDefinition = {
  name: 'build',
  usage: '[OPTIONS] GIT_URL[#REF[:FOLDER]]',
  summary:
    'Clone a git repository and build an image from it. #REF picks a branch, tag or commit; :FOLDER picks the build context inside the repository.',
  flags: buildFlags,
  checkArguments: (positionals) =>
    positionals.length === 1
      ? undefined
      : positionals.length === 0
        ? 'build needs a git repository URL after its options; an option such as -t takes the word after it as its value.'
        : 'build takes exactly one git repository URL; put options before or after it.',
  validate: (args, config) => {
    parseBuildRequest(args, config);
  },
  accessTargets: (args, config) => ({ repos: [parseBuildRequest(args, config).source.identity] }),
  destructive: false,
  output: 'thread',
  run: (context, args) => runBuild(context, parseBuildRequest(args, context.config)),
};
