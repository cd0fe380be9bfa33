import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackSender } from '../../src/slack/delivery/slack-sender.js';
import { ThreadReporter } from '../../src/slack/thread-reporter.js';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { GitHttpServer } from '../helpers/git-http-server.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { createCapturedLogger } from '../helpers/log-capture.js';

const teamId = `TDELIVERY${Date.now()}`;

describe('Slack delivery of build results', () => {
  let harness: AppHarness;
  let git: GitHttpServer;

  beforeAll(async () => {
    git = new GitHttpServer();
    await git.start();
    await git.createRepository('quick', { Dockerfile: 'FROM busybox\nRUN echo quick\n' });
    await git.createRepository('hostile-output', {
      Dockerfile: [
        'FROM busybox',
        "RUN echo '<!channel> <@U123> ```not code``` <https://example.invalid|click>' && head -c 100000 /dev/zero | tr '\\0' y && echo && exit 1",
        '',
      ].join('\n'),
    });
    harness = await startAppHarness({
      env: { SLASHDOCK_REPO_ALLOW: '127.0.0.1', SLASHDOCK_ALLOW_INSECURE_GIT: 'true' },
      delivery: { random: () => 0, requestTimeoutMs: 1_000 },
    });
  });

  afterEach(() => {
    harness.slack.resetAnswers();
  });

  afterAll(async () => {
    await harness.stop();
    await git.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  let buildCount = 0;
  async function build(repository: string, channelId = 'C0001'): Promise<void> {
    buildCount += 1;
    await harness.send(`build -t delivery:b${buildCount} ${git.url(repository)}`, {
      teamId,
      channelId,
    });
    await harness.app.jobs.idle();
  }

  function finalStatus(): string {
    return harness.slack.statusTexts().at(-1) ?? '';
  }

  it('waits for Retry-After on 429', async () => {
    harness.slack.answerWith('chat.update', (args) =>
      String(args.text).startsWith(':white_check_mark:') && !retriedOnce()
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { ok: false, error: 'ratelimited' },
          }
        : undefined,
    );
    let answered429 = false;
    function retriedOnce(): boolean {
      const already = answered429;
      answered429 = true;
      return already;
    }

    await build('quick');

    expect(finalStatus()).toContain(':white_check_mark: Built');
    expect(harness.logLines().some((line) => line.includes('"kind":"rate_limited"'))).toBe(true);
  });

  it('retries three 500 answers in a row', async () => {
    harness.slack.answerWith('chat.postMessage', (_args, callNumber) =>
      callNumber <= 3 ? { status: 500, body: { ok: false, error: 'internal_error' } } : undefined,
    );

    await build('quick');

    expect(finalStatus()).toContain(':white_check_mark: Built');
    expect(harness.slack.callsTo('chat.postMessage').length).toBeGreaterThan(3);
  });

  it('retries a call that timed out', async () => {
    harness.slack.answerWith('chat.update', (args, callNumber) =>
      callNumber === 1 && String(args.text).length > 0
        ? { delayMs: 2_000, body: { ok: true } }
        : undefined,
    );

    await build('quick');

    expect(finalStatus()).toContain(':white_check_mark: Built');
  });

  it.each(['not_in_channel', 'channel_not_found'])(
    'answers through response_url on %s',
    async (slackError) => {
      harness.slack.answerWith('chat.postMessage', () => ({
        body: { ok: false, error: slackError },
      }));
      const responsesBefore = harness.slack.callsTo('response_url').length;

      await build('quick', 'GPRIVATE1');
      const answers = harness.slack
        .callsTo('response_url')
        .slice(responsesBefore)
        .map((call) => String(call.args.text));

      expect(answers.at(-1)).toContain(':white_check_mark: Built');
      expect(answers.at(-1)).toContain('Invite the app');
      expect(answers.length).toBeLessThanOrEqual(5);
    },
  );

  it.each(['msg_too_long', 'invalid_blocks'])(
    'falls back to plain text on %s',
    async (slackError) => {
      harness.slack.answerWith('chat.update', (args) =>
        JSON.stringify(args.blocks ?? []) !== '"[]"' &&
        JSON.stringify(args.blocks ?? []) !== '[]' &&
        String(args.text).includes('Built')
          ? { body: { ok: false, error: slackError } }
          : undefined,
      );

      await build('quick');

      expect(finalStatus()).toContain(':white_check_mark: Built');
    },
  );

  it('escapes hostile build output', async () => {
    await build('hostile-output');
    const status = finalStatus();

    expect(status).toContain('&lt;!channel&gt;');
    expect(status).toContain('&lt;@U123&gt;');
    expect(status).not.toContain('<!channel>');
    expect(status).not.toContain('<@U123>');
    expect(status).not.toContain('<https://example.invalid');
  });

  it('keeps code fences balanced in hostile output', () => {
    const status = finalStatus();
    const fences = status.split('```').length - 1;

    expect(fences % 2).toBe(0);
    expect(status.length).toBeLessThanOrEqual(3_000);
  });

  it('uploads hostile output whole', () => {
    const log = harness.slack.uploadedFiles().at(-1) ?? '';

    expect(log).toContain('y'.repeat(100_000));
    expect(log).toContain('<!channel> <@U123> ```not code```');
  });
});

describe('SlackSender under load', () => {
  const slack = new FakeSlackApi();

  beforeAll(async () => {
    await slack.start();
  });

  afterAll(async () => {
    await slack.stop();
  });

  it('delivers 20 jobs within the limits', async () => {
    slack.enforceRateLimit('chat.postMessage', 50, true);
    slack.enforceRateLimit('chat.update', 20);
    slack.enforceRateLimit('files.getUploadURLExternal', 20);
    const { logger } = createCapturedLogger();
    const client = new WebClient('xoxb-load-test', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    const sender = new SlackSender(client, logger, {
      limits: { postMessageIntervalMs: 100, updateIntervalMs: 40, tier4IntervalMs: 40 },
    });

    const jobs = Array.from({ length: 20 }, async (_, index) => {
      const reporter = new ThreadReporter({
        sender,
        channelId: `C${String(index % 4).padStart(4, '0')}`,
        logger,
        respond: () => Promise.reject(new Error('response_url is not used here')),
      });
      await reporter.status(`job ${index} started`);
      for (let step = 1; step <= 5; step += 1) {
        await reporter.status(`job ${index} step ${step}`);
      }
      await reporter.reply(`job ${index} detail`);
      await reporter.upload({ filename: 'log.txt', title: 'log', content: `job ${index} log` });
      await reporter.done(`job ${index} finished`);
    });
    await Promise.all(jobs);
    await sender.stop();

    const finals = slack.statusTexts().filter((text) => text.endsWith('finished'));
    expect(new Set(finals).size).toBe(20);
    expect(slack.rateLimitedAnswers).toBe(0);
  });
});
