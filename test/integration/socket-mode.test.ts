import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app.js';
import { readLabel } from '../../src/docker/labels.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { createCapturedLogger } from '../helpers/log-capture.js';

const teamId = `TSOCKET${Date.now()}`;

describe('Socket Mode', () => {
  const slack = new FakeSlackApi();
  const socketMode = new FakeSocketMode();
  const git = new GitHttpServer();
  const docker = new Docker();
  let app: SlackApp;
  let commitSha: string;

  beforeAll(async () => {
    await slack.start();
    await git.start();
    commitSha = await git.createRepository('socket-app', {
      Dockerfile: 'FROM busybox\nRUN echo socket > /mode\n',
    });
    slack.override('apps.connections.open', () => ({ ok: true, url: socketMode.url }));

    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket-test',
      SLACK_APP_TOKEN: 'xapp-socket-test',
      SLACK_API_URL: slack.apiUrl,
      SLASHDOCK_REPO_ALLOW: '127.0.0.1',
      SLASHDOCK_ALLOW_INSECURE_GIT: 'true',
      SLASHDOCK_RUN_NETWORK: 'none',
      SLASHDOCK_REPO_ALLOW_PRIVATE: '127.0.0.1',
    });
    app = createSlackApp({ config, docker, commands, logger: createCapturedLogger().logger });
    await app.start();
    await socketMode.connected();
  });

  afterAll(async () => {
    await app.stop();
    await socketMode.stop();
    await slack.stop();
    await git.stop();
    await removeImagesBuiltFor(docker, teamId);
  });

  function slashCommand(text: string): Record<string, unknown> {
    return {
      token: 'deprecated-verification-token',
      team_id: teamId,
      team_domain: 'acme',
      channel_id: 'C0001',
      channel_name: 'builds',
      user_id: 'USOCKET',
      user_name: 'dev',
      command: '/docker',
      text,
      api_app_id: 'A0001',
      response_url: slack.responseUrl('socket'),
      trigger_id: '1.2.3',
    };
  }

  it('answers bad input in the acknowledgement', async () => {
    const ack = await socketMode.sendSlashCommand(slashCommand('deploy prod'));

    expect(String(ack.payload?.text)).toContain('Unknown command "deploy"');
  });

  it('answers ps through the response URL', async () => {
    const answersBefore = slack.callsTo('response_url').length;
    await socketMode.sendSlashCommand(slashCommand('ps -a --all-owners'));
    await app.jobs.idle();

    expect(slack.callsTo('response_url').length).toBe(answersBefore + 1);
  });

  it('builds and reports in the thread', async () => {
    const ack = await socketMode.sendSlashCommand(slashCommand(`build ${git.url('socket-app')}`));
    await app.jobs.idle();
    const image = await docker.getImage(`socket-app:${commitSha.slice(0, 12)}`).inspect();

    expect(ack.payload?.text).toBeUndefined();
    expect(readLabel(image.Config.Labels, 'slashdock.user')).toBe('USOCKET');
    expect(slack.statusTexts().at(-1)).toContain(':white_check_mark: Built');
  });
});
