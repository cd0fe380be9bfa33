import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  startAppHarness,
  testBotToken,
  testSigningSecret,
  type AppHarness,
} from '../helpers/app-harness.js';
import { postToApp, signatureHeaders, slashCommandBody } from '../helpers/signed-request.js';

interface SlashCommandAnswer {
  response_type?: string;
  text?: string;
}

function parseAnswer(text: string): SlashCommandAnswer {
  return text === '' ? {} : (JSON.parse(text) as SlashCommandAnswer);
}

describe('Bolt receiver with signed requests', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('rejects a wrong signature', async () => {
    const body = slashCommandBody({
      text: 'ps',
      responseUrl: harness.slack.responseUrl('bad-signature'),
    });
    const answer = await postToApp(
      harness.port,
      body,
      signatureHeaders(body, { signingSecret: 'not-the-secret' }),
    );

    expect(answer.status).toBe(401);
    await harness.app.jobs.idle();
    expect(harness.slack.calls.filter((call) => call.method === 'response_url')).toHaveLength(0);
  });

  it('rejects a timestamp older than five minutes', async () => {
    const body = slashCommandBody({ text: 'ps', responseUrl: harness.slack.responseUrl('old') });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const headers = signatureHeaders(body, {
      signingSecret: testSigningSecret,
      timestamp: sixMinutesAgo,
    });
    const answer = await postToApp(harness.port, body, headers);

    expect(answer.status).toBe(401);
  });

  it('shows help for empty text', async () => {
    const answer = await harness.send('');
    await harness.app.jobs.idle();

    const help = harness.slack.callsTo('response_url').at(-1);
    expect(answer.status).toBe(200);
    expect(String(help?.args.text)).toContain('Usage: /docker COMMAND');
  });

  it('answers an unknown command with the command list', async () => {
    const answer = parseAnswer((await harness.send('deploy prod')).text);

    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('Unknown command "deploy"');
    expect(answer.text).toContain(
      `Commands: ${commands.map((command) => command.name).join(', ')}.`,
    );
  });

  it('answers an unknown flag with usage', async () => {
    const answer = parseAnswer((await harness.send('ps --bogus')).text);

    expect(answer.text).toContain('Unknown flag: --bogus.');
    expect(answer.text).toContain('Usage: /docker ps [OPTIONS]');
  });

  it('lists containers with ps -a', async () => {
    const created = await harness.docker.createContainer({
      Image: process.env.SLASHDOCK_TEST_BASE_IMAGE ?? 'busybox:latest',
      Cmd: ['true'],
      name: `slashdock-ps-test-${Date.now()}`,
      HostConfig: { NetworkMode: 'none' },
      Labels: { 'slashdock.user': 'UPSOWNER' },
    });
    try {
      await harness.send('ps -a');
      await harness.app.jobs.idle();

      const listing = String(harness.slack.callsTo('response_url').at(-1)?.args.text);
      expect(listing).toContain(created.id.slice(0, 12));
      expect(listing).toContain('@UPSOWNER');
    } finally {
      await created.remove({ force: true });
    }
  });

  it('lists images with their tags', async () => {
    await harness.send('images --all-owners');
    await harness.app.jobs.idle();

    const listing = String(harness.slack.callsTo('response_url').at(-1)?.args.text);
    expect(listing).toContain('busybox:latest');
  });

  it('never logs the bot token or signing secret', () => {
    const log = harness.logLines().join('\n');

    expect(log).not.toContain(testBotToken);
    expect(log).not.toContain(testSigningSecret);
  });
});

describe('Bolt receiver with an unreachable daemon', () => {
  let harness: AppHarness;

  beforeAll(async () => {
    harness = await startAppHarness({
      docker: new Docker({ socketPath: '/tmp/slashdock-no-daemon-here/docker.sock' }),
    });
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('tells the user the daemon is unreachable', async () => {
    await harness.send('ps');
    await harness.app.jobs.idle();

    const answer = String(harness.slack.callsTo('response_url').at(-1)?.args.text);
    expect(answer).toContain('Could not reach the Docker daemon');
  });

  it('logs the failure with the request ID', () => {
    const failure = harness
      .logLines()
      .map((line) => JSON.parse(line) as { msg?: string; requestId?: string })
      .find((entry) => entry.msg === 'command failed');

    expect(failure?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
