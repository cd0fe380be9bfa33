import type { Server } from 'node:http';
import { App, type BlockButtonAction } from '@slack/bolt';
import type Docker from 'dockerode';
import { ActiveBuilds } from '../build/active-builds.js';
import { BuildQueue } from '../build/build-queue.js';
import { cancelBuildActionId } from '../build/run-build.js';
import type { CommandDefinition, CommandServices } from '../command.js';
import type { Config } from '../config.js';
import { JobTracker } from '../job-tracker.js';
import type { Logger } from '../logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { createCancelBuildListener } from './cancel-build-listener.js';
import { SlackSender, type SlackSenderOptions } from './delivery/slack-sender.js';
import { createDockerCommandListener } from './docker-command-listener.js';
import { RecentRequests } from './recent-requests.js';

export interface SlackAppDependencies {
  config: Config;
  docker: Docker;
  commands: readonly CommandDefinition[];
  logger: Logger;
  now?: () => Date;
  /** Rate limits and deadlines of Web API calls; tests shorten them. */
  delivery?: SlackSenderOptions & { requestTimeoutMs?: number };
}

export interface SlackApp {
  readonly app: App;
  readonly jobs: JobTracker;
  readonly services: CommandServices;
  /**
   * Connects with Socket Mode, or listens for HTTP on `host` (all
   * interfaces by default) and `PORT`. Returns the HTTP port, or undefined
   * in Socket Mode.
   */
  start: (options?: { host?: string; port?: number }) => Promise<number | undefined>;
  /** Stops receiving, cancels running jobs and waits for their cleanup. */
  stop: () => Promise<void>;
}

/** Wires the Bolt app: receiver by configuration, the `/docker` listener, and logging. */
export function createSlackApp(deps: SlackAppDependencies): SlackApp {
  const { config, logger } = deps;
  const appToken = config.slack.appToken;
  const socketMode = appToken !== undefined;
  const jobs = new JobTracker();
  const services: CommandServices = {
    buildQueue: new BuildQueue({
      maxConcurrent: config.build.maxConcurrent,
      maxPerUser: config.build.maxPerUser,
    }),
    activeBuilds: new ActiveBuilds(),
  };

  const app = new App({
    token: config.slack.botToken,
    ...(appToken !== undefined
      ? { socketMode: true, appToken }
      : { signingSecret: config.slack.signingSecret ?? '' }),
    clientOptions: {
      slackApiUrl: config.slack.apiUrl,
      // SlackSender retries per method; the client's own retry on 429 would
      // pause every method at once.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: deps.delivery?.requestTimeoutMs ?? 30_000,
    },
    logger: toBoltLogger(logger),
    // Token checks happen on the first request, so that the app starts
    // without a round trip to Slack.
    tokenVerificationEnabled: false,
  });

  const sender = new SlackSender(
    app.client,
    logger.child({ component: 'slack-sender' }),
    deps.delivery,
  );

  app.command(
    '/docker',
    createDockerCommandListener({
      config,
      sender,
      recentRequests: new RecentRequests(),
      docker: deps.docker,
      commands: deps.commands,
      services,
      jobs,
      logger,
      now: deps.now ?? (() => new Date()),
    }),
  );
  app.action<BlockButtonAction>(
    cancelBuildActionId,
    createCancelBuildListener({ activeBuilds: services.activeBuilds, config, logger }),
  );
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in Slack listener');
    await Promise.resolve();
  });

  let server: Server | undefined;

  return {
    app,
    jobs,
    services,
    start: async (options = {}) => {
      if (socketMode) {
        await app.start();
        logger.info({ mode: 'socket' }, 'slashdock started');
        return undefined;
      }
      const port = options.port ?? config.slack.port;
      server = await app.start({
        port,
        ...(options.host === undefined ? {} : { host: options.host }),
      });
      const listeningPort = addressPort(server) ?? port;
      logger.info(
        { mode: 'http', port: listeningPort, path: '/slack/events' },
        'slashdock started',
      );
      return listeningPort;
    },
    stop: async () => {
      await app.stop();
      await jobs.shutdown();
      await services.buildQueue.stop();
      await sender.stop();
      logger.info('slashdock stopped');
    },
  };
}

function addressPort(server: Server): number | undefined {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}
