import Docker from 'dockerode';
import { commands } from '../../commands/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import {
  createSlackApp,
  type SlackApp,
  type SlackAppDependencies,
} from '../../src/slack/create-slack-app.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { createCapturedLogger } from './log-capture.js';
import {
  buttonClickBody,
  postToApp,
  signatureHeaders,
  slashCommandBody,
  type ButtonClickFields,
  type SlashCommandFields,
} from './signed-request.js';

export const testSigningSecret = 'test-signing-secret-0123456789';
export const testBotToken = 'xoxb-test-0000-token';

/** A running Slashdock app on 127.0.0.1 wired to a fake Slack API and the real Docker daemon. */
export interface AppHarness {
  slack: FakeSlackApi;
  app: SlackApp;
  config: Config;
  docker: Docker;
  port: number;
  logLines: () => string[];
  /** Sends a signed `/docker` command and returns the receiver's HTTP response. */
  send: (
    text: string,
    fields?: Partial<SlashCommandFields>,
  ) => Promise<{ status: number; text: string }>;
  /** Sends a signed button click, as when someone presses a button under a message. */
  click: (
    fields: Omit<ButtonClickFields, 'responseUrl'>,
  ) => Promise<{ status: number; text: string }>;
  stop: () => Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** The Docker client the app uses; defaults to the daemon DOCKER_HOST names. */
  docker?: Docker;
  /** Rate limits, deadlines and timeouts of the app's Web API calls. */
  delivery?: SlackAppDependencies['delivery'];
  /** Resolves repository host names, so that no test looks up a real name. */
  resolveHost?: SlackAppDependencies['resolveHost'];
}

export async function startAppHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const slack = new FakeSlackApi();
  await slack.start();

  const config = loadConfig({
    SLACK_BOT_TOKEN: testBotToken,
    SLACK_SIGNING_SECRET: testSigningSecret,
    SLACK_API_URL: slack.apiUrl,
    SLASHDOCK_RUN_NETWORK: 'none',
    // Test repositories are served on 127.0.0.1, which is otherwise refused.
    SLASHDOCK_REPO_ALLOW_PRIVATE: '127.0.0.1',
    SLASHDOCK_LOG_LEVEL: 'debug',
    ...options.env,
  });
  const { logger, lines } = createCapturedLogger();
  const docker = options.docker ?? new Docker();
  const app = createSlackApp({
    config,
    docker,
    commands,
    logger,
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
    ...(options.resolveHost === undefined ? {} : { resolveHost: options.resolveHost }),
  });
  const port = await app.start({ host: '127.0.0.1', port: 0 });
  if (port === undefined) {
    throw new Error('The test app did not start in HTTP mode.');
  }

  let requestCount = 0;
  return {
    slack,
    app,
    config,
    docker,
    port,
    logLines: lines,
    send: (text, fields = {}) => {
      requestCount += 1;
      const body = slashCommandBody({
        text,
        responseUrl: slack.responseUrl(String(requestCount)),
        ...fields,
      });
      return postToApp(port, body, signatureHeaders(body, { signingSecret: testSigningSecret }));
    },
    click: (fields) => {
      requestCount += 1;
      const body = buttonClickBody({
        ...fields,
        responseUrl: slack.responseUrl(`click-${requestCount}`),
      });
      return postToApp(port, body, signatureHeaders(body, { signingSecret: testSigningSecret }));
    },
    stop: async () => {
      await app.stop();
      await slack.stop();
    },
  };
}
