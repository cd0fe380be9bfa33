import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, testSigningSecret, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { postToApp, signatureHeaders, slashCommandBody } from '../helpers/signed-request.js';

const teamId = `TACK${Date.now()}`;

describe('acknowledgement and repeated requests', () => {
  let harness: AppHarness;
  let git: GitHttpServer;

  beforeAll(async () => {
    git = new GitHttpServer();
    await git.start();
    await git.createRepository('ack-app', { Dockerfile: 'FROM busybox\nRUN echo ack\n' });
    harness = await startAppHarness({
      env: { SLASHDOCK_REPO_ALLOW: '127.0.0.1', SLASHDOCK_ALLOW_INSECURE_GIT: 'true' },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await git.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  it('acknowledges before a slow Web API answers', async () => {
    const postsBefore = harness.slack.callsTo('chat.postMessage').length;
    harness.slack.answerWith('chat.postMessage', () => ({
      delayMs: 1_500,
      body: { ok: true, ts: '1700000000.999999', channel: 'C0001' },
    }));

    const answer = await harness.send(`build -t ack:slow ${git.url('ack-app')}`, { teamId });
    const answeredPosts = harness.slack
      .callsTo('chat.postMessage')
      .slice(postsBefore)
      .filter((call) => call.response !== undefined);

    expect(answer.status).toBe(200);
    expect(answeredPosts).toHaveLength(0);
    harness.slack.resetAnswers();
    await harness.app.jobs.idle();
  });

  it('calls no Web API before acknowledging', async () => {
    const callsBefore = harness.slack.calls.length;
    harness.slack.answerWith('auth.test', () => ({ status: 503, body: { ok: false } }));

    const answer = await harness.send('help');
    const callsDuringRequest = harness.slack.calls.slice(callsBefore).map((call) => call.method);

    expect(answer.status).toBe(200);
    expect(callsDuringRequest).not.toContain('auth.test');
    harness.slack.resetAnswers();
    await harness.app.jobs.idle();
  });

  it('ignores the same build sent twice within seconds', async () => {
    const text = `build -t ack:twice ${git.url('ack-app')}`;
    await harness.send(text, { teamId, userId: 'UTWICE' });
    const second = await harness.send(text, { teamId, userId: 'UTWICE' });
    await harness.app.jobs.idle();

    expect(second.text).toContain('You sent the same command');
    expect(
      harness.slack.statusTexts().filter((status) => status.includes('Built `ack:twice`')),
    ).toHaveLength(1);
  });

  it('ignores a redelivered request', async () => {
    const body = slashCommandBody({
      text: `build -t ack:redelivered ${git.url('ack-app')}`,
      teamId,
      responseUrl: harness.slack.responseUrl('redelivered'),
    });
    const headers = {
      ...signatureHeaders(body, { signingSecret: testSigningSecret }),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    };

    const answer = await postToApp(harness.port, body, headers);
    await harness.app.jobs.idle();

    expect(answer.status).toBe(200);
    await expect(harness.docker.getImage('ack:redelivered').inspect()).rejects.toThrow();
  });
});
