import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { readLabel } from '../../src/docker/labels.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';

const teamId = `TBUILD${Date.now()}`;

describe('/docker build against the real engine', () => {
  let harness: AppHarness;
  let git: GitHttpServer;
  let commitSha: string;

  beforeAll(async () => {
    git = new GitHttpServer();
    await git.start();
    commitSha = await git.createRepository('hello-app', {
      Dockerfile: 'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n',
    });
    await git.createRepository('no-dockerfile', { 'README.md': '# nothing to build\n' });
    await git.createRepository('broken-run', { Dockerfile: 'FROM busybox\nRUN exit 3\n' });
    harness = await startAppHarness({
      env: { SLASHDOCK_REPO_ALLOW: '127.0.0.1', SLASHDOCK_ALLOW_INSECURE_GIT: 'true' },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await git.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  it('builds a tagged, labelled image and reports it in the thread', async () => {
    const answer = await harness.send(`build ${git.url('hello-app')}`, {
      teamId,
      userId: 'UBUILDER',
    });
    expect(answer.status).toBe(200);
    await harness.app.jobs.idle();

    const tag = `hello-app:${commitSha.slice(0, 12)}`;
    const image = await harness.docker.getImage(tag).inspect();
    const labels = image.Config.Labels;
    expect(readLabel(labels, 'slashdock.user')).toBe('UBUILDER');
    expect(readLabel(labels, 'slashdock.team')).toBe(teamId);
    expect(readLabel(labels, 'slashdock.channel')).toBe('C0001');
    expect(readLabel(labels, 'slashdock.command')).toBe('build');
    expect(readLabel(labels, 'org.opencontainers.image.revision')).toBe(commitSha);

    const statusMessage = harness.slack
      .callsTo('chat.postMessage')
      .find((call) => call.args.thread_ts === undefined);
    expect(readLabel(labels, 'slashdock.thread')).toBe(statusMessage?.response?.ts);

    const finalStatus = harness.slack.statusTexts().at(-1);
    expect(finalStatus).toContain(image.Id);
    expect(finalStatus).toContain(':white_check_mark: Built `' + tag + '`');
  });

  it('reports a repository without a Dockerfile', async () => {
    await harness.send(`build ${git.url('no-dockerfile')}`, { teamId });
    await harness.app.jobs.idle();

    const finalUpdate = harness.slack.callsTo('chat.update').at(-1);
    expect(String(finalUpdate?.args.text)).toContain(
      'No Dockerfile was found in the root of the repository',
    );
  });

  it('reports a failing RUN step as a failed build', async () => {
    await harness.send(`build ${git.url('broken-run')}`, { teamId });
    await harness.app.jobs.idle();

    const finalUpdate = harness.slack.callsTo('chat.update').at(-1);
    expect(String(finalUpdate?.args.text)).toContain(':x: Build of');
    expect(String(finalUpdate?.args.text)).toContain('returned a non-zero code: 3');
  });

  it('reports a repository that does not exist', async () => {
    await harness.send(`build ${git.url('missing-repo')}`, { teamId });
    await harness.app.jobs.idle();

    const finalUpdate = harness.slack.callsTo('chat.update').at(-1);
    expect(String(finalUpdate?.args.text)).toContain('was not found');
  });

  it('rejects a host outside the allowlist without cloning', async () => {
    const answer = await harness.send('build https://example.invalid/acme/api', { teamId });
    const body = JSON.parse(answer.text) as { text: string; response_type: string };

    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Repositories on example.invalid are not allowed');
  });
});
