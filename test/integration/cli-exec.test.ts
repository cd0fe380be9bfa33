import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabel } from '../../src/docker/labels.js';
import {
  buildCli,
  cliEnvironment,
  CliProcess,
  runCli,
  type CliBuild,
} from '../helpers/cli-process.js';
import { GitHttpServer } from '../helpers/git-http-server.js';

/** Makes names unique to this run, so that leftovers of another run never match. */
const nonce = randomBytes(4).toString('hex');

describe('slashdock exec against the real engine', () => {
  const docker = new Docker();
  let cli: CliBuild;
  let git: GitHttpServer;
  let workDir: string;
  let cwd: string;
  let env: Record<string, string>;
  const createdTags: string[] = [];
  const createdContainers: string[] = [];

  beforeAll(async () => {
    cli = await buildCli();
    git = new GitHttpServer();
    await git.start();
    await git.createRepository('cli-hello', {
      Dockerfile: 'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n',
    });
    await git.createRepository('cli-broken', { Dockerfile: 'FROM busybox\nRUN exit 3\n' });
    // The nonce in the command identifies this build's intermediate container.
    await git.createRepository('cli-sleep', {
      Dockerfile: `FROM busybox\nRUN sleep 60 && echo ${nonce}\n`,
    });

    workDir = await mkdtemp(path.join(os.tmpdir(), 'slashdock-cli-work-'));
    cwd = await mkdtemp(path.join(os.tmpdir(), 'slashdock-cli-cwd-'));
    env = cliEnvironment({
      SLASHDOCK_REPO_ALLOW: '127.0.0.1',
      SLASHDOCK_REPO_ALLOW_PRIVATE: '127.0.0.1',
      SLASHDOCK_ALLOW_INSECURE_GIT: 'true',
      SLASHDOCK_RUN_NETWORK: 'none',
      SLASHDOCK_WORK_DIR: workDir,
    });
  });

  afterAll(async () => {
    for (const name of createdContainers) {
      await docker
        .getContainer(name)
        .remove({ force: true })
        .catch(() => undefined);
    }
    for (const tag of createdTags) {
      await docker
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    }
    await git.stop();
    await cli.remove();
    await rm(workDir, { recursive: true, force: true });
    await rm(cwd, { recursive: true, force: true });
  });

  it('build succeeds with exit status 0', async () => {
    const tag = `cli-hello:${nonce}`;
    createdTags.push(tag);

    const result = await runCli(cli, ['exec', 'build', '-t', tag, git.url('cli-hello')], {
      env,
      cwd,
    });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Built ${tag} from ${git.url('cli-hello')}`);
    const image = await docker.getImage(tag).inspect();
    expect(readLabel(image.Config.Labels, 'slashdock.user')).toBe('terminal');
    expect(readLabel(image.Config.Labels, 'slashdock.command')).toBe('build');
    expect(await readdir(workDir)).toEqual([]);
  });

  it('build saves the full log in slashdock-logs', async () => {
    const tag = `cli-hello:${nonce}-log`;
    createdTags.push(tag);

    const result = await runCli(cli, ['exec', 'build', '-t', tag, git.url('cli-hello')], {
      env,
      cwd,
    });

    expect(result.code).toBe(0);
    const savedPath = /Full build log saved to (\S+)/.exec(result.stdout)?.[1];
    expect(savedPath).toMatch(/^\.\/slashdock-logs\/\d{8}-\d{6}-cli-hello-build(-\d+)?\.log$/);
    const log = await readFile(path.join(cwd, savedPath ?? ''), 'utf8');
    expect(log).toContain('RUN echo built > /built.txt');
  });

  it('failing build exits 1 with the error on stderr', async () => {
    const result = await runCli(cli, ['exec', 'build', git.url('cli-broken')], { env, cwd });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Build of ${git.url('cli-broken')} failed`);
    expect(result.stderr).toContain('returned a non-zero code: 3');
    expect(result.stdout).not.toContain('returned a non-zero code: 3');
    expect(await readdir(workDir)).toEqual([]);
  });

  it('--json writes one event per line and a result', async () => {
    const tag = `cli-hello:${nonce}-json`;
    createdTags.push(tag);

    const result = await runCli(
      cli,
      ['exec', '--json', '--logs-dir', 'json-logs', 'build', '-t', tag, git.url('cli-hello')],
      { env, cwd },
    );

    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const kinds = events.map((event) => event.event);
    expect(kinds[0]).toBe('status');
    expect(kinds).toContain('reply');
    expect(kinds.at(-3)).toBe('upload');
    expect(kinds.at(-2)).toBe('done');
    expect(kinds.at(-1)).toBe('result');

    const status = events.find((event) => event.event === 'status');
    expect(status?.hint).toBe('Press Ctrl-C to cancel the build.');
    const done = events.at(-2);
    expect(done?.text).toContain(`Built ${tag}`);
    expect(done?.mrkdwn).toContain(`:white_check_mark: Built \`${tag}\``);
    const upload = events.at(-3);
    expect(upload?.title).toBe('Full build log');
    expect(existsSync(path.join(cwd, String(upload?.path)))).toBe(true);
    expect(events.at(-1)).toMatchObject({ command: 'build', outcome: 'succeeded', exitCode: 0 });
  });

  it('Ctrl-C cancels a build and cleans up', async () => {
    const tag = `cli-sleep:${nonce}`;
    createdTags.push(tag);
    const child = new CliProcess(cli, ['exec', 'build', '-t', tag, git.url('cli-sleep')], {
      env,
      cwd,
    });

    await child.waitForStdout(/Step \d+\/\d+: RUN sleep 60/, 60_000);
    // Give the daemon time to start the step's container, so that the
    // cancellation has one to remove.
    await waitForContainerRunning(docker, nonce, 15_000);
    child.child.kill('SIGINT');
    const result = await child.exited;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Cancelling the build');
    expect(result.stderr).toContain('was cancelled by @terminal');
    const leftovers = await docker.listContainers({ all: true });
    expect(leftovers.filter((container) => container.Command.includes(nonce))).toEqual([]);
    expect(await readdir(workDir)).toEqual([]);
    await expect(docker.getImage(tag).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('Ctrl-C stops an attached run', async () => {
    const name = `cli-run-${nonce}`;
    createdContainers.push(name);
    const child = new CliProcess(
      cli,
      ['exec', 'run', '--rm', '--name', name, 'busybox', 'sh', '-c', 'echo started; sleep 60'],
      { env, cwd },
    );

    await child.waitForStdout(/started/, 30_000);
    child.child.kill('SIGINT');
    const result = await child.exited;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Cancelling the container');
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('run passes quoted arguments through', async () => {
    const result = await runCli(
      cli,
      ['exec', 'run', '--rm', 'busybox', 'sh', '-c', 'echo "two  spaces" <&-'],
      { env, cwd },
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('two  spaces');
  });

  it('run exits 1 when the container fails', async () => {
    const result = await runCli(cli, ['exec', 'run --rm busybox sh -c "exit 3"'], { env, cwd });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('exit code 3');
  });

  it('rm without --yes on a pipe changes nothing', async () => {
    const name = `cli-rm-${nonce}`;
    createdContainers.push(name);
    await docker.createContainer({ Image: 'busybox', Cmd: ['true'], name });

    const declined = await runCli(cli, ['exec', 'rm', name], { env, cwd });

    expect(declined.code).toBe(1);
    expect(declined.stderr).toContain('Run it again with --yes');
    expect((await docker.getContainer(name).inspect()).Name).toBe(`/${name}`);

    const confirmed = await runCli(cli, ['exec', '--yes', 'rm', name], { env, cwd });

    expect(confirmed.code).toBe(0);
    await expect(docker.getContainer(name).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('unknown command exits 2 with the command list', async () => {
    const result = await runCli(cli, ['exec', 'frobnicate'], { env, cwd });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('Commands: build, run');
    expect(result.stdout).toBe('');
  });

  it('unknown subcommand exits 2 with usage', async () => {
    const result = await runCli(cli, ['frobnicate'], { env, cwd });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: slashdock COMMAND');
  });

  it('host outside the allowlist is rejected', async () => {
    const result = await runCli(cli, ['exec', 'build', 'https://example.invalid/acme/api'], {
      env,
      cwd,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Repositories on example.invalid are not allowed');
  });

  it('invalid configuration exits 2 naming the variable', async () => {
    const result = await runCli(cli, ['exec', 'ps'], {
      env: { ...env, SLASHDOCK_MAX_BUILDS: 'many' },
      cwd,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLASHDOCK_MAX_BUILDS: "many" is not a whole number');
  });
});

/** Waits until a running container's command contains `marker`. */
async function waitForContainerRunning(
  docker: Docker,
  marker: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const running = await docker.listContainers();
    if (running.some((container) => container.Command.includes(marker))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No running container with "${marker}" in its command after ${timeoutMs} ms.`);
}
