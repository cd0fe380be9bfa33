import { accessSync, constants } from 'node:fs';
import Docker from 'dockerode';
import { commands } from '../../commands/index.js';
import { loadConfig, type Environment } from '../config.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createSlackApp } from '../slack/create-slack-app.js';

/**
 * Runs `slashdock serve`: starts the Slack app from the environment, and
 * stops it cleanly on SIGINT or SIGTERM. Exits with status 1 on a
 * configuration error, naming the variable.
 */
export async function serve(env: Environment): Promise<void> {
  let config;
  let slack;
  let logger;
  try {
    config = loadConfig(env);
    logger = createLogger(config.logLevel);
    checkWorkDir(config.workDir);
    // dockerode reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself.
    slack = createSlackApp({ config, docker: new Docker(), commands, logger });
  } catch (error) {
    // The policy file is read while the app is created, so its errors
    // are configuration errors too.
    if (error instanceof ConfigError) {
      console.error(`slashdock: configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutdown requested');
    slack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await slack.start();
}

function checkWorkDir(workDir: string): void {
  try {
    accessSync(workDir, constants.W_OK);
  } catch {
    throw new ConfigError(
      'SLASHDOCK_WORK_DIR',
      `${workDir} does not exist or is not writable. Create it, or point the variable at a writable folder.`,
    );
  }
}
