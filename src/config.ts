import os from 'node:os';
import {
  readBoolean,
  readDuration,
  readInteger,
  readList,
  readOptional,
  readUserIds,
  type Environment,
} from './config-readers.js';
import { ConfigError } from './errors.js';
import type { GitCredentials } from './git/credentials.js';

export type { Environment };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything Slashdock reads from the environment, validated once at start. */
export interface Config {
  slack: {
    botToken: string;
    /** Required in HTTP mode only; Socket Mode authenticates with the app token. */
    signingSecret: string | undefined;
    /** When set, the app connects with Socket Mode instead of listening for HTTP. */
    appToken: string | undefined;
    port: number;
    apiUrl: string;
  };
  git: {
    allowedHosts: string[];
    allowInsecure: boolean;
    cloneTimeoutMs: number;
    credentials: GitCredentials;
  };
  build: {
    maxContextBytes: number;
    maxConcurrent: number;
    maxPerUser: number;
    timeoutMs: number;
    /** Minimum time between two progress updates of one status message. */
    progressIntervalMs: number;
  };
  run: {
    network: string;
  };
  /** Slack user IDs that may act on anything, such as cancelling others' builds. */
  admins: string[];
  workDir: string;
  logLevel: LogLevel;
}

const logLevels: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/**
 * Builds the typed configuration from an environment. Throws a ConfigError
 * naming the first bad variable; secret values never appear in the message.
 */
export function loadConfig(env: Environment): Config {
  const botToken = readBotToken(env);
  const appToken = readOptional(env, 'SLACK_APP_TOKEN');
  const signingSecret = readOptional(env, 'SLACK_SIGNING_SECRET');

  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'must be an app-level token starting with "xapp-" (Basic Information > App-Level Tokens), or be unset to use HTTP mode.',
    );
  }
  if (appToken === undefined && signingSecret === undefined) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'is required in HTTP mode. Copy it from Basic Information > Signing Secret, or set SLACK_APP_TOKEN to use Socket Mode.',
    );
  }

  return {
    slack: {
      botToken,
      signingSecret,
      appToken,
      port: readInteger(env, 'PORT', 3000, { min: 1, max: 65_535 }),
      apiUrl: readApiUrl(env),
    },
    git: {
      allowedHosts: readHostList(env),
      allowInsecure: readBoolean(env, 'SLASHDOCK_ALLOW_INSECURE_GIT', false),
      cloneTimeoutMs: readDuration(env, 'SLASHDOCK_CLONE_TIMEOUT', '5m'),
      credentials: {
        httpsTokens: readGitTokens(env),
        sshKeyFile: readOptional(env, 'SLASHDOCK_GIT_SSH_KEY'),
        sshKnownHostsFile: readOptional(env, 'SLASHDOCK_GIT_SSH_KNOWN_HOSTS'),
      },
    },
    build: {
      maxContextBytes:
        readInteger(env, 'SLASHDOCK_MAX_CONTEXT_MB', 500, { min: 1, max: 100_000, unit: 'MB' }) *
        1_000_000,
      maxConcurrent: readInteger(env, 'SLASHDOCK_MAX_BUILDS', 2, { min: 1, max: 64 }),
      maxPerUser: readInteger(env, 'SLASHDOCK_MAX_BUILDS_PER_USER', 1, { min: 1, max: 64 }),
      timeoutMs: readDuration(env, 'SLASHDOCK_BUILD_TIMEOUT', '30m'),
      progressIntervalMs: readDuration(env, 'SLASHDOCK_PROGRESS_INTERVAL', '2s'),
    },
    run: {
      network: readNetworkMode(env),
    },
    admins: readUserIds(env, 'SLASHDOCK_ADMINS'),
    workDir: readOptional(env, 'SLASHDOCK_WORK_DIR') ?? os.tmpdir(),
    logLevel: readLogLevel(env),
  };
}

function readBotToken(env: Environment): string {
  const token = readOptional(env, 'SLACK_BOT_TOKEN');
  if (token === undefined) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      'is missing. Set it to the Bot User OAuth Token (xoxb-...) from OAuth & Permissions.',
    );
  }
  if (!token.startsWith('xoxb-')) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      'must be a bot token starting with "xoxb-" (OAuth & Permissions > Bot User OAuth Token).',
    );
  }
  return token;
}

function readApiUrl(env: Environment): string {
  const text = readOptional(env, 'SLACK_API_URL') ?? 'https://slack.com/api/';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      'SLACK_API_URL',
      'is not a valid URL. Set an http(s) URL such as https://slack.com/api/.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('SLACK_API_URL', 'must be an http or https URL.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError('SLACK_API_URL', 'must not contain credentials.');
  }
  // The Web API client appends method names, so the base must end in a slash.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

const hostPattern =
  /^(?=.{1,253}(:|$))[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

function readHostList(env: Environment): string[] {
  const name = 'SLASHDOCK_REPO_ALLOW';
  const hosts = readList(env, name, 'github.com,gitlab.com,bitbucket.org').map((host) =>
    host.toLowerCase(),
  );

  for (const host of hosts) {
    if (!hostPattern.test(host)) {
      throw new ConfigError(
        name,
        `"${host}" is not a host name. List hosts separated by commas, for example github.com,gitlab.com.`,
      );
    }
  }
  return hosts;
}

/**
 * Reads `host=token` or `host=username:token` pairs. A token without a
 * username is sent as `x-access-token`, which GitHub expects and GitLab and
 * Bitbucket accept for access tokens.
 */
function readGitTokens(env: Environment): Map<string, { username: string; token: string }> {
  const name = 'SLASHDOCK_GIT_TOKENS';
  const tokens = new Map<string, { username: string; token: string }>();

  readList(env, name, '').forEach((entry, index) => {
    const separator = entry.indexOf('=');
    const host = entry.slice(0, separator).trim().toLowerCase();
    const credential = entry.slice(separator + 1).trim();
    if (separator <= 0 || credential === '' || !hostPattern.test(host)) {
      // The entry itself is never shown: it holds a token.
      throw new ConfigError(
        name,
        `entry ${index + 1} is not "host=token" or "host=username:token". Check its format.`,
      );
    }
    const colon = credential.indexOf(':');
    tokens.set(
      host,
      colon === -1
        ? { username: 'x-access-token', token: credential }
        : { username: credential.slice(0, colon), token: credential.slice(colon + 1) },
    );
  });
  return tokens;
}

function readNetworkMode(env: Environment): string {
  const text = readOptional(env, 'SLASHDOCK_RUN_NETWORK') ?? 'bridge';
  if (text === 'host' || text.startsWith('container:')) {
    throw new ConfigError(
      'SLASHDOCK_RUN_NETWORK',
      `"${text}" would share a namespace with the host or another container. Set bridge, none or the name of a user-defined network.`,
    );
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text)) {
    throw new ConfigError(
      'SLASHDOCK_RUN_NETWORK',
      `"${text}" is not a network name. Set bridge, none or the name of a user-defined network.`,
    );
  }
  return text;
}

function readLogLevel(env: Environment): LogLevel {
  const text = readOptional(env, 'SLASHDOCK_LOG_LEVEL') ?? 'info';
  const level = logLevels.find((candidate) => candidate === text);
  if (level === undefined) {
    throw new ConfigError(
      'SLASHDOCK_LOG_LEVEL',
      `"${text}" is not one of ${logLevels.join(', ')}.`,
    );
  }
  return level;
}
