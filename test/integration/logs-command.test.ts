import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { codeBlockOf, fileText } from '../helpers/message-content.js';
import { waitFor } from '../helpers/wait-for.js';

const teamId = `TLOGS${Date.now()}`;
const suffix = Date.now().toString(36);
const numbers = `numbers-${suffix}`;

describe('/docker logs against the real engine', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness();
    await harness.send(`run -d --name ${numbers} busybox seq 1 200`, { teamId });
    await harness.app.jobs.idle();
    await harness.app.services.backgroundJobs.idle();
  });

  afterAll(async () => {
    await harness.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  /** Sends a logs command and returns its final status and the thread replies it added. */
  async function logs(text: string): Promise<{ status: string; replies: string[] }> {
    const statusesBefore = harness.slack.statusTexts().length;
    const repliesBefore = harness.slack.threadReplies().length;
    await harness.send(text, { teamId, userId: 'UREADER' });
    await harness.app.jobs.idle();
    return {
      status: harness.slack.statusTexts().slice(statusesBefore).at(-1) ?? '',
      replies: harness.slack.threadReplies().slice(repliesBefore),
    };
  }

  /** Starts a detached container and waits until it has exited. */
  async function runToEnd(text: string): Promise<void> {
    await harness.send(text, { teamId });
    await harness.app.jobs.idle();
    await harness.app.services.backgroundJobs.idle();
  }

  it('last N lines', async () => {
    const { status, replies } = await logs(`logs --tail 5 ${numbers}`);

    expect(codeBlockOf(replies[0])).toBe('196\n197\n198\n199\n200');
    expect(status).toContain(`Logs of \`${numbers}\``);
    expect(status).toContain('5 lines (at most 5), in the thread');
  });

  it('100 lines by default', async () => {
    const { replies } = await logs(`logs ${numbers}`);
    const lines = codeBlockOf(replies[0])?.split('\n') ?? [];

    expect(lines).toHaveLength(100);
    expect(lines[0]).toBe('101');
  });

  it('by ID prefix', async () => {
    const { Id } = await harness.docker.getContainer(numbers).inspect();
    const { replies } = await logs(`logs -n 1 ${Id.slice(0, 12)}`);

    expect(codeBlockOf(replies[0])).toBe('200');
  });

  it('by full ID', async () => {
    const { Id } = await harness.docker.getContainer(numbers).inspect();
    const { replies } = await logs(`logs -n 2 ${Id}`);

    expect(codeBlockOf(replies[0])).toBe('199\n200');
  });

  it('timestamps', async () => {
    const { replies } = await logs(`logs -t --tail 1 ${numbers}`);

    expect(codeBlockOf(replies[0])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z 200$/);
  });

  it('long output as a file', async () => {
    const name = `long-${suffix}`;
    await runToEnd(`run -d --name ${name} busybox sh -c 'seq 1 2000 | sed s/^/line-/'`);
    const { status, replies } = await logs(`logs --tail 2000 ${name}`);
    const file = fileText(harness.slack.uploadedFiles().at(-1) ?? '');
    const preview = codeBlockOf(replies[0]) ?? '';

    expect(status).toContain('2000 lines');
    expect(status).toContain('all of them in the attached file');
    expect(replies[0]).toContain(' of 2000 lines*');
    expect(preview.length).toBeLessThanOrEqual(2_500);
    expect(preview.split('\n').at(-1)).toBe('line-2000');
    expect(file.split('\n')).toHaveLength(2000);
    expect(file.split('\n')[0]).toBe('line-1');
  });

  it('stdout and stderr in order', async () => {
    const name = `mixed-${suffix}`;
    await runToEnd(
      `run -d --name ${name} busybox sh -c 'echo out-1; sleep 0.3; echo err-2 >&2; sleep 0.3; echo out-3'`,
    );
    const { replies } = await logs(`logs ${name}`);

    expect(codeBlockOf(replies[0])).toBe('out-1\nerr-2\nout-3');
  });

  it('since shows only recent lines', async () => {
    const name = `since-${suffix}`;
    await harness.send(
      `run -d --name ${name} busybox sh -c 'echo old-line; sleep 4; echo new-line; sleep 60'`,
      { teamId },
    );
    await harness.app.jobs.idle();
    const container = harness.docker.getContainer(name);
    await waitFor('the second line', async () =>
      (await container.logs({ stdout: true })).toString().includes('new-line') ? true : undefined,
    );

    const { replies } = await logs(`logs --since 2s ${name}`);

    expect(codeBlockOf(replies[0])).toBe('new-line');
    await container.stop({ t: 0 });
  });

  it('masks env values', async () => {
    const name = `secret-${suffix}`;
    await runToEnd(
      `run -d -e DB_PASSWORD=pw-1234-secret --name ${name} busybox sh -c 'echo pass=$DB_PASSWORD'`,
    );
    const { replies } = await logs(`logs ${name}`);

    expect(codeBlockOf(replies[0])).toBe('pass=****');
    expect(JSON.stringify(harness.slack.calls)).not.toContain('pw-1234-secret');
  });

  it('no output', async () => {
    const name = `quiet-${suffix}`;
    await runToEnd(`run -d --name ${name} busybox true`);
    const { status, replies } = await logs(`logs ${name}`);

    expect(status).toContain('no output');
    expect(replies).toEqual([]);
  });

  it('no output since', async () => {
    const { status } = await logs(`logs --since 1s ${numbers}`);

    expect(status).toContain('no output from the last 1s');
  });

  it('container with a TTY', async () => {
    const container = await harness.docker.createContainer({
      Image: 'busybox',
      Cmd: ['sh', '-c', 'echo tty-one; echo tty-two'],
      Tty: true,
      name: `tty-${suffix}`,
      Labels: { 'slashdock.team': teamId },
      HostConfig: { NetworkMode: 'none' },
    });
    await container.start();
    await container.wait();

    const { replies } = await logs(`logs tty-${suffix}`);

    expect(codeBlockOf(replies[0])).toBe('tty-one\ntty-two');
  });

  it('unknown container', async () => {
    const { status } = await logs(`logs no-such-container-${suffix}`);

    expect(status).toContain(`No such container: "no-such-container-${suffix}"`);
    expect(status).toContain('/docker ps -a');
  });

  it('bad tail answered at once', async () => {
    const answer = await harness.send(`logs --tail 0 ${numbers}`, { teamId });

    expect(answer.text).toContain('is not a valid --tail');
  });
});
