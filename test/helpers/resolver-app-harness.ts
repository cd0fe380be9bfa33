import Docker from 'dockerode';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { HostResolver } from '../../src/git/host-addresses.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import {
  testBotToken,
  testSigningSecret,
  type AppHarness,
  type HarnessOptions,
} from './app-harness.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { createCapturedLogger } from './log-capture.js';
import {
  buttonClickBody,
  postToApp,
  signatureHeaders,
  slashCommandBody,
} from './signed-request.js';

export interface ResolverHarnessOptions extends HarnessOptions {
  /** Resolves repository host names for the build job's internal-address check. */
  resolveHost: HostResolver;
}

/**
 * Starts the app as `startAppHarness` does, with an injected host resolver,
 * so that a test can check what happens after the acknowledgement for a
 * host that resolves to an internal address, without a DNS query.
 */
export async function startResolverAppHarness(
  options: ResolverHarnessOptions,
): Promise<AppHarness> {
  const slack = new FakeSlackApi();
  await slack.start();

  const config = loadConfig({
    SLACK_BOT_TOKEN: testBotToken,
    SLACK_SIGNING_SECRET: testSigningSecret,
    SLACK_API_URL: slack.apiUrl,
    SLASHDOCK_RUN_NETWORK: 'none',
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
    resolveHost: options.resolveHost,
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
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
