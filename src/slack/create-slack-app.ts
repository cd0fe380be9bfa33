import type { Server } from 'node:http';
import { App, type BlockButtonAction } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type Docker from 'dockerode';
import { cancelBuildActionId } from '../build/run-build.js';
import type { CommandDefinition, CommandServices } from '../command.js';
import type { SlackAppConfig } from '../config.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { HostResolver } from '../git/host-addresses.js';
import { JobTracker } from '../job-tracker.js';
import { createAccessPolicy } from '../policy/create-access-policy.js';
import type { Logger } from '../logger.js';
import { cancelConfirmationActionId, confirmActionId } from '../policy/ask-confirmation.js';
import { stopRunActionId } from '../run/run-attached.js';
import { createCommandServices } from '../services.js';
import { toBoltLogger } from './bolt-logger.js';
import { createCancelBuildListener } from './cancel-build-listener.js';
import { createConfirmActionListener } from './confirm-action-listener.js';
import { SlackSender, type SlackSenderOptions } from './delivery/slack-sender.js';
import { createDockerCommandListener } from './docker-command-listener.js';
import { RecentRequests } from './recent-requests.js';
import { createStopRunListener } from './stop-run-listener.js';

export interface SlackAppDependencies {
  config: SlackAppConfig;
  docker: Docker;
  commands: readonly CommandDefinition[];
  logger: Logger;
  now?: () => Date;
  /** Rate limits and deadlines of Web API calls; tests shorten them. */
  delivery?: SlackSenderOptions & { requestTimeoutMs?: number };
  /** Resolves repository host names; tests inject one so that no public name is looked up. */
  resolveHost?: HostResolver;
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
  const services = createCommandServices(config, {
    runInBackground: (job) => {
      jobs.start(job);
    },
    ...(deps.resolveHost === undefined ? {} : { resolveHost: deps.resolveHost }),
  });

  const clientOptions = {
    slackApiUrl: config.slack.apiUrl,
    // SlackSender retries per method; the client's own retry on 429 would
    // pause every method at once.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: deps.delivery?.requestTimeoutMs ?? 30_000,
  };
  const botToken = config.slack.botToken;
  const app = new App({
    ...(appToken !== undefined
      ? { socketMode: true, appToken }
      : { signingSecret: config.slack.signingSecret ?? '' }),
    // A fixed authorization: Bolt's default for a single token calls
    // auth.test before it hands over a request, which would put a Web API
    // round trip (and its failures) in front of every acknowledgement.
    authorize: () => Promise.resolve({ botToken }),
    // Slashdock handles no events, so it needs no bot user ID to ignore its own.
    ignoreSelf: false,
    clientOptions,
    logger: toBoltLogger(logger),
  });
  const client = new WebClient(botToken, { ...clientOptions, logger: toBoltLogger(logger) });

  const sender = new SlackSender(
    client,
    logger.child({ component: 'slack-sender' }),
    deps.delivery,
  );

  const access = createAccessPolicy(
    config,
    deps.commands.map((command) => command.name),
  );
  const auditChannel = config.access.auditChannel;
  const audit = new AuditTrail(
    logger,
    auditChannel === undefined
      ? undefined
      : async (text) => {
          await sender.postMessage({ channel: auditChannel, text, unfurl_links: false }, 'normal');
        },
  );

  app.command(
    '/docker',
    createDockerCommandListener({
      config,
      access,
      audit,
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
  app.action<BlockButtonAction>(
    stopRunActionId,
    createStopRunListener({ activeRuns: services.activeRuns, config, logger }),
  );
  const confirmListener = createConfirmActionListener({
    confirmations: services.confirmations,
    jobs,
    logger,
  });
  app.action<BlockButtonAction>(confirmActionId, confirmListener);
  app.action<BlockButtonAction>(cancelConfirmationActionId, confirmListener);
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
      services.confirmations.close();
      await jobs.shutdown();
      // Detached containers keep running; only the watching stops.
      await services.backgroundJobs.shutdown();
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
