import 'dotenv/config';
import type { CliIo } from './cli-io.js';
import { runDoctor } from './doctor/run-doctor.js';
import { runExec } from './exec/run-exec.js';
import { readPackageVersion } from './package-root.js';
import { serve } from './serve.js';

const usage = `Usage: slashdock COMMAND [OPTIONS]

Commands:
  serve     run the Slack app (what npm start runs)
  exec      run a /docker command in the terminal, without Slack:
            slashdock exec build https://github.com/acme/api
  doctor    check the configuration, Slack, Docker, git and disk space

Run slashdock COMMAND --help for the options of one command.
Settings come from the environment and from .env in the current folder.`;

/** Runs one `slashdock` subcommand and returns the exit status; `serve` runs until stopped. */
async function main(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'serve':
      await serve(io.env);
      return undefined;
    case 'exec':
      return runExec(rest, io);
    case 'doctor':
      return runDoctor(rest, io);
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      io.stdout.write(`${usage}\n`);
      return 0;
    case '-V':
    case '--version':
      io.stdout.write(`slashdock ${readPackageVersion()}\n`);
      return 0;
    default:
      io.stderr.write(`slashdock: unknown command "${subcommand}".\n\n${usage}\n`);
      return 2;
  }
}

const exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signals: process,
  exitNow: (code) => process.exit(code),
});

if (exitCode !== undefined) {
  // Open connections (the Docker client's keep-alive, for one) would keep
  // the process running, so it exits once the output is flushed.
  await new Promise<void>((resolve) => {
    process.stdout.write('', () => {
      process.stderr.write('', () => {
        resolve();
      });
    });
  });
  process.exit(exitCode);
}
