import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A compiled copy of the CLI that tests run as a child process. */
export interface CliBuild {
  /** The compiled entry point, src/cli/main.js. */
  mainPath: string;
  remove: () => Promise<void>;
}

/**
 * Compiles the sources with tsconfig.build.json into a folder of its own
 * under node_modules/.cache, so that tests run the compiled CLI as users
 * do, never a stale dist/, and never write into a dist/ that another run
 * is using. Module resolution and the package root still find this
 * repository, because the folder is inside it.
 */
export async function buildCli(): Promise<CliBuild> {
  const outDir = path.join(
    repositoryRoot,
    'node_modules',
    '.cache',
    'slashdock-cli-test',
    `${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const tsc = path.join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir],
      { cwd: repositoryRoot },
      (error, stdout) => {
        if (error === null) {
          resolve();
        } else {
          reject(new Error(`Compiling the CLI failed:\n${stdout}`, { cause: error }));
        }
      },
    );
  });
  return {
    mainPath: path.join(outDir, 'src', 'cli', 'main.js'),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

/** Environment variables a CLI test child gets: only these, so that no developer setting leaks in. */
export function cliEnvironment(variables: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/nonexistent',
    ...(process.env.DOCKER_HOST === undefined ? {} : { DOCKER_HOST: process.env.DOCKER_HOST }),
    ...variables,
  };
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running `slashdock` child process with its output collected as it arrives. */
export class CliProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<CliExit>;
  private stdoutText = '';
  private stderrText = '';
  private readonly watchers = new Set<() => void>();

  constructor(
    build: CliBuild,
    args: readonly string[],
    options: { env: Record<string, string>; cwd: string },
  ) {
    this.child = spawn(process.execPath, [build.mainPath, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutText += chunk;
      this.notify();
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        resolve({ code, signal, stdout: this.stdoutText, stderr: this.stderrText });
      });
    });
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Resolves once stdout matches `pattern`; rejects after `timeoutMs` or when the process ends first. */
  async waitForStdout(pattern: RegExp, timeoutMs: number): Promise<void> {
    if (pattern.test(this.stdoutText)) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(
          new Error(
            `stdout did not match ${String(pattern)} within ${timeoutMs} ms:\n${this.stdoutText}\nstderr:\n${this.stderrText}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        if (pattern.test(this.stdoutText)) {
          clearTimeout(timer);
          this.watchers.delete(check);
          resolve();
        }
      };
      this.watchers.add(check);
      void this.exited.then(() => {
        if (this.watchers.delete(check)) {
          clearTimeout(timer);
          reject(
            new Error(
              `The CLI exited before stdout matched ${String(pattern)}:\n${this.stdoutText}\nstderr:\n${this.stderrText}`,
            ),
          );
        }
      });
    });
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) {
      watcher();
    }
  }
}

/** Runs `slashdock ARGS...` to its end. */
export function runCli(
  build: CliBuild,
  args: readonly string[],
  options: { env: Record<string, string>; cwd: string },
): Promise<CliExit> {
  return new CliProcess(build, args, options).exited;
}
