import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { waitFor } from '../helpers/wait-for.js';

const teamId = `TCONTROL${Date.now()}`;

describe('/docker build queue, cancel and timeout', () => {
  let harness: AppHarness;
  let git: GitHttpServer;
  let workDir: string;

  beforeAll(async () => {
    git = new GitHttpServer();
    await git.start();
    await git.createRepository('slow', {
      Dockerfile: 'FROM busybox\nRUN echo started && sleep 60\n',
    });
    await git.createRepository('quick', { Dockerfile: 'FROM busybox\nRUN echo quick\n' });

    workDir = await mkdtemp(path.join(os.tmpdir(), 'slashdock-control-work-'));
    harness = await startAppHarness({
      env: {
        SLASHDOCK_REPO_ALLOW: '127.0.0.1',
        SLASHDOCK_ALLOW_INSECURE_GIT: 'true',
        SLASHDOCK_MAX_BUILDS: '1',
        SLASHDOCK_PROGRESS_INTERVAL: '1s',
        SLASHDOCK_BUILD_TIMEOUT: '20s',
        SLASHDOCK_ADMINS: 'UADMIN',
        SLASHDOCK_WORK_DIR: workDir,
      },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await git.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
    await rm(workDir, { recursive: true, force: true });
  });

  /** Waits until a status message version after `fromIndex` shows the slow RUN step. */
  async function waitForRunStep(fromIndex: number): Promise<void> {
    await waitFor('the RUN step to start', () =>
      harness.slack
        .statusTexts()
        .slice(fromIndex)
        .some((text) => /Step 2\/\d+/.test(text))
        ? true
        : undefined,
    );
  }

  it('cancels a running build and leaves nothing behind', async () => {
    await harness.send(`build -t slow:cancelled ${git.url('slow')}`, { teamId, userId: 'UOWNER' });

    await waitForRunStep(0);
    const jobId = harness.slack.latestButtonValue('build_cancel') ?? '';
    await harness.click({ actionId: 'build_cancel', value: jobId, userId: 'UOWNER' });
    await harness.app.jobs.idle();
    const log = harness.slack.uploadedFiles().at(-1) ?? '';
    const stepContainer = / ---> Running in ([0-9a-f]+)/.exec(log)?.[1] ?? 'missing';

    expect(harness.slack.statusTexts().at(-1)).toContain('was cancelled by <@UOWNER>');
    expect(await readdir(workDir)).toEqual([]);
    expect(stepContainer).toMatch(/^[0-9a-f]{12,}$/);
    await expect(harness.docker.getContainer(stepContainer).inspect()).rejects.toThrow(
      'no such container',
    );
    await expect(harness.docker.getImage('slow:cancelled').inspect()).rejects.toThrow();
  });

  it('refuses a cancel from another user', async () => {
    const statusesBefore = harness.slack.statusTexts().length;
    await harness.send(`build -t slow:guarded ${git.url('slow')}`, { teamId, userId: 'UOWNER' });
    await waitForRunStep(statusesBefore);
    const jobId = harness.slack.latestButtonValue('build_cancel') ?? '';

    await harness.click({ actionId: 'build_cancel', value: jobId, userId: 'USTRANGER' });
    const refusal = await waitFor('the refusal', () =>
      harness.slack.callsTo('response_url').find((call) => String(call.args.text).includes('Only')),
    );
    expect(String(refusal.args.text)).toContain('Only <@UOWNER> or a Slashdock admin');

    await harness.click({ actionId: 'build_cancel', value: jobId, userId: 'UADMIN' });
    await harness.app.jobs.idle();
    expect(harness.slack.statusTexts().at(-1)).toContain('was cancelled by <@UADMIN>');
  });

  it('queues builds beyond the limit and runs them in order', async () => {
    await harness.send(`build -t quick:first ${git.url('quick')}`, { teamId, userId: 'UA' });
    await harness.send(`build -t quick:second ${git.url('quick')}`, { teamId, userId: 'UB' });
    await harness.send(`build -t quick:third ${git.url('quick')}`, { teamId, userId: 'UC' });
    await harness.app.jobs.idle();

    const statuses = harness.slack.statusTexts();
    expect(statuses.some((text) => text.includes('Queued: position 2 of 2'))).toBe(true);
    for (const tag of ['quick:first', 'quick:second', 'quick:third']) {
      expect((await harness.docker.getImage(tag).inspect()).RepoTags).toContain(tag);
    }
  });

  it('cancels a queued build before it starts', async () => {
    const callsBefore = harness.slack.calls.length;
    await harness.send(`build -t slow:blocker ${git.url('slow')}`, { teamId, userId: 'UA' });
    await harness.send(`build -t quick:never ${git.url('quick')}`, { teamId, userId: 'UB' });
    await waitFor('the second build to queue', () =>
      harness.slack.calls
        .slice(callsBefore)
        .some((call) => String(call.args.text).includes('quick.git'))
        ? true
        : undefined,
    );

    const queuedJob = harness.slack.latestButtonValue('build_cancel', 'quick.git') ?? '';
    await harness.click({ actionId: 'build_cancel', value: queuedJob, userId: 'UB' });
    await waitFor('the queued build to end', () =>
      harness.slack.statusTexts().some((text) => text.includes('cancelled by <@UB>'))
        ? true
        : undefined,
    );
    await expect(harness.docker.getImage('quick:never').inspect()).rejects.toThrow();

    await harness.app.jobs.idle();
  });

  it('stops a build that passes the timeout', () => {
    expect(
      harness.slack
        .statusTexts()
        .some((text) => text.includes('timed out: it ran longer than 20s')),
    ).toBe(true);
  });
});
