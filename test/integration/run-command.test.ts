import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { codeBlockOf, fileText } from '../helpers/message-content.js';
import { waitFor } from '../helpers/wait-for.js';

const teamId = `TRUN${Date.now()}`;
const suffix = Date.now().toString(36);

describe('/docker run against the real engine', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness({
      env: { SLASHDOCK_PROGRESS_INTERVAL: '500ms', SLASHDOCK_ADMINS: 'UADMIN' },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  /** Sends a command, waits until it and every background job it started have ended, and returns the final status. */
  async function run(text: string, userId = 'URUNNER'): Promise<string> {
    const statusesBefore = harness.slack.statusTexts().length;
    const answer = await harness.send(text, { teamId, userId });
    expect(answer.status).toBe(200);
    await harness.app.jobs.idle();
    await harness.app.services.backgroundJobs.idle();
    const statuses = harness.slack.statusTexts().slice(statusesBefore);
    return statuses.at(-1) ?? '';
  }

  /** Lists the containers labelled with the thread of the newest status message. */
  async function containersOfLatestThread(): Promise<Docker.ContainerInfo[]> {
    const post = harness.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.thread_ts === undefined)
      .at(-1);
    const threadTs = String(post?.response?.ts);
    return harness.docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: [`slashdock.thread=${threadTs}`] }),
    });
  }

  async function inspectLatest(): Promise<Docker.ContainerInspectInfo> {
    const [container] = await containersOfLatestThread();
    if (container === undefined) {
      throw new Error('The latest run left no container.');
    }
    return harness.docker.getContainer(container.Id).inspect();
  }

  describe('attached', () => {
    it('exit code 0 with output', async () => {
      const status = await run('run busybox echo hello-run');

      expect(status).toContain(':white_check_mark: `busybox echo hello-run` exited with code 0');
      expect(codeBlockOf(status)).toBe('hello-run');
    });

    it('non-zero exit code', async () => {
      const status = await run(`run busybox sh -c 'echo failing; exit 3'`);

      expect(status).toContain(':x: ');
      expect(status).toContain('failed with exit code 3');
      expect(codeBlockOf(status)).toBe('failing');
    });

    it('stdout and stderr in order', async () => {
      const status = await run(
        `run busybox sh -c 'echo out-1; sleep 0.3; echo err-2 >&2; sleep 0.3; echo out-3; sleep 0.3; echo err-4 >&2'`,
      );

      expect(codeBlockOf(status)).toBe('out-1\nerr-2\nout-3\nerr-4');
    });

    it('output has no frame headers', async () => {
      const status = await run(`run busybox sh -c 'printf abc; printf def >&2'`);

      const controlCharacters = Array.from(status).filter(
        (character) => character.charCodeAt(0) < 9,
      );

      expect(controlCharacters).toEqual([]);
      expect(codeBlockOf(status)).toMatch(/^(abc\ndef|def\nabc)$/);
    });

    it('no output', async () => {
      expect(await run('run busybox true')).toContain('_No output._');
    });

    it('killed by memory limit', async () => {
      const status = await run(`run --memory 8m busybox sh -c 'head -c 50m /dev/zero | tail'`);

      expect(status).toContain('was killed by its memory limit of 8m');
      expect(status).toContain('(exit code 137)');
      expect((await inspectLatest()).State.OOMKilled).toBe(true);
    });

    it('stopped after timeout', async () => {
      const startedAt = Date.now();
      const status = await run('run --timeout 2s busybox sleep 60');

      expect(status).toContain(
        ':alarm_clock: `busybox sleep 60` timed out after 2s and was stopped',
      );
      expect(Date.now() - startedAt).toBeLessThan(30_000);
      expect((await inspectLatest()).State.Running).toBe(false);
    });

    it('live output before the end', async () => {
      await run(`run busybox sh -c 'echo first-part; sleep 3; echo second-part'`);
      const live = harness.slack
        .statusTexts()
        .filter((text) => text.startsWith(':arrow_forward: Running'));

      expect(live.some((text) => codeBlockOf(text) === 'first-part')).toBe(true);
    });

    it('long output goes to a file', async () => {
      const status = await run('run busybox seq 1 3000');
      const file = fileText(harness.slack.uploadedFiles().at(-1) ?? '');

      expect(status).toContain('*Last 40 of 3000 lines*');
      expect(status).toContain('The full output is attached in the thread.');
      expect(codeBlockOf(status)?.split('\n').at(-1)).toBe('3000');
      expect(file.split('\n')).toHaveLength(3000);
      expect(file.startsWith('1\n2\n3\n')).toBe(true);
    });

    it('short output has no file', async () => {
      const uploadsBefore = harness.slack.uploadedFiles().length;
      await run('run busybox seq 1 5');

      expect(harness.slack.uploadedFiles()).toHaveLength(uploadsBefore);
    });

    it('rm removes the container', async () => {
      const status = await run(`run --rm --name removed-${suffix} busybox true`);

      expect(status).toContain(`\`removed-${suffix}\``);
      expect(status).toContain(', removed');
      await expect(harness.docker.getContainer(`removed-${suffix}`).inspect()).rejects.toThrow();
    });

    it('without rm the container stays', async () => {
      await run(`run --name kept-${suffix} busybox true`);

      expect((await harness.docker.getContainer(`kept-${suffix}`).inspect()).State.Status).toBe(
        'exited',
      );
    });

    it('passes flags after the image', async () => {
      const status = await run(`run busybox ls -d -a /`);

      expect(codeBlockOf(status)).toBe('/');
    });
  });

  describe('sandbox', () => {
    let info: Docker.ContainerInspectInfo;
    let threadTs: string;

    beforeAll(async () => {
      await run(`run --name hardened-${suffix} --memory 64m --cpus 0.5 busybox true`, 'UHARD');
      info = await harness.docker.getContainer(`hardened-${suffix}`).inspect();
      const post = harness.slack
        .callsTo('chat.postMessage')
        .filter((call) => call.args.thread_ts === undefined)
        .at(-1);
      threadTs = String(post?.response?.ts);
    });

    it.each([
      ['Privileged', false],
      ['NetworkMode', 'none'],
      ['PidsLimit', 256],
      ['Memory', 64 * 1024 ** 2],
      ['MemorySwap', 64 * 1024 ** 2],
      ['NanoCpus', 500_000_000],
      ['AutoRemove', false],
    ] as const)('%s', (field, expected) => {
      expect(info.HostConfig[field]).toBe(expected);
    });

    it('no host mounts', () => {
      expect(info.Mounts).toEqual([]);
    });

    it('own PID namespace', () => {
      expect(info.HostConfig.PidMode ?? '').toBe('');
    });

    it('no new privileges', () => {
      expect(info.HostConfig.SecurityOpt).toEqual(['no-new-privileges']);
    });

    it('capabilities dropped', () => {
      expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    });

    it.each([
      ['slashdock.user', 'UHARD'],
      ['slashdock.channel', 'C0001'],
      ['slashdock.command', 'run'],
    ])('label %s', (key, value) => {
      expect(info.Config.Labels[key]).toBe(value);
    });

    it('label team', () => {
      expect(info.Config.Labels['slashdock.team']).toBe(teamId);
    });

    it('label thread is the status message', () => {
      expect(info.Config.Labels['slashdock.thread']).toBe(threadTs);
    });
  });

  describe('failures', () => {
    it('image not on the daemon', async () => {
      const status = await run('run no-such-image:1.0 true');

      expect(status).toContain('The image "no-such-image:1.0" was not found on the Docker daemon');
      expect(status).toContain('Slashdock never pulls images');
      expect(status).toContain('/docker build');
      expect(status).toContain('/docker images');
      expect(await containersOfLatestThread()).toEqual([]);
      await expect(harness.docker.getImage('no-such-image:1.0').inspect()).rejects.toThrow();
    });

    it('command not in the image', async () => {
      const status = await run('run busybox no-such-command');

      expect(status).toContain('The container could not start, so it was removed');
      expect(status).toContain('no-such-command');
      expect(await containersOfLatestThread()).toEqual([]);
    });

    it('name already in use', async () => {
      await run(`run --name taken-${suffix} busybox true`);
      const status = await run(`run --name taken-${suffix} busybox echo again`);

      expect(status).toContain(`A container named "taken-${suffix}" already exists`);
    });

    it('bad input answered at once', async () => {
      const callsBefore = harness.slack.calls.length;
      const answer = await harness.send('run --memory 5x busybox', { teamId });

      const posts = harness.slack.calls
        .slice(callsBefore)
        .filter((call) => /^(chat|files)\./.test(call.method));

      expect(answer.text).toContain('is not a valid --memory value');
      expect(posts).toEqual([]);
    });

    it('bad input creates nothing', async () => {
      const before = await harness.docker.listContainers({ all: true });
      await harness.send('run --cpus 9 busybox true', { teamId });
      await harness.app.jobs.idle();

      expect(await harness.docker.listContainers({ all: true })).toHaveLength(before.length);
    });
  });

  describe('env values', () => {
    const secret = 'tok-4f9a8b7c6d';

    beforeAll(async () => {
      await run(`run -e API_TOKEN=${secret} busybox sh -c 'echo token=$API_TOKEN'`);
      await harness.send(`run -e ${secret} busybox`, { teamId });
    });

    it('masked in output', () => {
      expect(codeBlockOf(harness.slack.statusTexts().at(-1))).toBe('token=****');
    });

    it('never sent to Slack', () => {
      expect(JSON.stringify(harness.slack.calls)).not.toContain(secret);
    });

    it('never logged', () => {
      expect(harness.logLines().join('\n')).not.toContain(secret);
    });

    it('reach the container', async () => {
      expect((await inspectLatest()).Config.Env).toContain(`API_TOKEN=${secret}`);
    });
  });

  describe('stop button', () => {
    it('refuses others and stops for the requester', async () => {
      const statusesBefore = harness.slack.statusTexts().length;
      await harness.send('run busybox sleep 60', { teamId, userId: 'UOWNER' });
      await waitFor('the container to run', () =>
        harness.slack
          .statusTexts()
          .slice(statusesBefore)
          .some((text) => text.startsWith(':arrow_forward: Running'))
          ? true
          : undefined,
      );
      const jobId = harness.slack.latestButtonValue('run_stop') ?? '';

      await harness.click({ actionId: 'run_stop', value: jobId, userId: 'USTRANGER' });
      const refusal = await waitFor('the refusal', () =>
        harness.slack
          .callsTo('response_url')
          .find((call) => String(call.args.text).includes('can stop this container')),
      );
      expect(String(refusal.args.text)).toContain('Only <@UOWNER> or a Slashdock admin');

      await harness.click({ actionId: 'run_stop', value: jobId, userId: 'UOWNER' });
      await harness.app.jobs.idle();
      expect(harness.slack.statusTexts().at(-1)).toContain(
        ':no_entry_sign: `busybox sleep 60` was stopped by <@UOWNER>',
      );
      expect((await inspectLatest()).State.Running).toBe(false);
    });

    it('finished run has nothing to stop', async () => {
      await run('run busybox echo finished-run');
      const jobId = harness.slack.latestButtonValue('run_stop') ?? '';
      await harness.click({ actionId: 'run_stop', value: jobId, userId: 'URUNNER' });

      const answer = await waitFor('the answer', () =>
        harness.slack
          .callsTo('response_url')
          .find((call) => String(call.args.text).includes('nothing to stop')),
      );
      expect(String(answer.args.text)).toContain('This run has already finished');
    });
  });

  describe('detached', () => {
    it('reports ID and name, then the exit', async () => {
      const name = `detached-${suffix}`;
      const status = await run(`run -d --name ${name} busybox sh -c 'echo ready; sleep 1; exit 5'`);
      const info = await harness.docker.getContainer(name).inspect();

      expect(status).toContain(`:rocket: Started \`${name}\` (\`${info.Id.slice(0, 12)}\`)`);
      expect(harness.slack.threadReplies().at(-1)).toContain(
        `:x: \`${name}\` failed with exit code 5`,
      );
    });

    it('then logs shows its output', async () => {
      await run(`logs detached-${suffix}`);

      expect(codeBlockOf(harness.slack.threadReplies().at(-1))).toBe('ready');
    });

    it('generated name is reported', async () => {
      const status = await run('run -d busybox true');
      const [container] = await containersOfLatestThread();
      const name = (container?.Names[0] ?? '').replace(/^\//, '');

      expect(name).not.toBe('');
      expect(status).toContain(`Started \`${name}\``);
    });

    it('rm removes it after exit', async () => {
      await run(`run -d --rm --name gone-${suffix} busybox sh -c 'exit 7'`);

      expect(harness.slack.threadReplies().at(-1)).toContain(
        `\`gone-${suffix}\` failed with exit code 7`,
      );
      expect(harness.slack.threadReplies().at(-1)).toContain('It was removed.');
      await expect(harness.docker.getContainer(`gone-${suffix}`).inspect()).rejects.toThrow();
    });

    it('stopped after timeout', async () => {
      await run(`run -d --timeout 2s --name slow-${suffix} busybox sleep 60`);

      expect(harness.slack.threadReplies().at(-1)).toContain(
        `:alarm_clock: \`slow-${suffix}\` timed out after 2s and was stopped`,
      );
      expect((await harness.docker.getContainer(`slow-${suffix}`).inspect()).State.Running).toBe(
        false,
      );
    });

    it('memory kill reported', async () => {
      await run(
        `run -d --memory 8m --name hungry-${suffix} busybox sh -c 'head -c 50m /dev/zero | tail'`,
      );

      expect(harness.slack.threadReplies().at(-1)).toContain(
        `\`hungry-${suffix}\` was killed by its memory limit of 8m`,
      );
    });
  });
});

describe('/docker run -d across shutdown', () => {
  it('leaves the container running', async () => {
    const harness = await startAppHarness();
    const name = `survivor-${suffix}`;
    try {
      await harness.send(`run -d --name ${name} busybox sleep 300`, { teamId });
      await harness.app.jobs.idle();
      expect(harness.app.services.backgroundJobs.size).toBe(1);

      await harness.stop();

      expect((await harness.docker.getContainer(name).inspect()).State.Running).toBe(true);
      expect(harness.logLines().join('\n')).toContain('stopped watching a detached run');
    } finally {
      await removeImagesBuiltFor(harness.docker, teamId);
    }
  });
});
