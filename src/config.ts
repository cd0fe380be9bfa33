import os from 'node:os';
import { ConfigError, UsageError } from './errors.js';
import { parseDuration } from './format/duration.js';

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
  };
  run: {
    network: string;
  };
  workDir: string;
  logLevel: LogLevel;
}

export type Environment = Record<string, string | undefined>;

const defaults = {
  PORT: '3000',
  SLACK_API_URL: 'https://slack.com/api/',
  SLASHDOCK_REPO_ALLOW: 'github.com,gitlab.com,bitbucket.org',
  SLASHDOCK_ALLOW_INSECURE_GIT: 'false',
  SLASHDOCK_CLONE_TIMEOUT: '5m',
  SLASHDOCK_RUN_NETWORK: 'bridge',
  SLASHDOCK_LOG_LEVEL: 'info',
} as const;

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
 * naming the first bad variable; token values never appear in the message.
 */
export function loadConfig(env: Environment): Config {
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  const signingSecret = optional(env, 'SLACK_SIGNING_SECRET');

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
      botToken: readBotToken(env),
      signingSecret,
      appToken,
      port: readPort(env),
      apiUrl: readApiUrl(env),
    },
    git: {
      allowedHosts: readHostList(env, 'SLASHDOCK_REPO_ALLOW'),
      allowInsecure: readBoolean(env, 'SLASHDOCK_ALLOW_INSECURE_GIT'),
      cloneTimeoutMs: readDuration(env, 'SLASHDOCK_CLONE_TIMEOUT'),
    },
    run: {
      network: readNetworkMode(env),
    },
    workDir: optional(env, 'SLASHDOCK_WORK_DIR') ?? os.tmpdir(),
    logLevel: readLogLevel(env),
  };
}

function optional(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function withDefault(env: Environment, name: keyof typeof defaults): string {
  return optional(env, name) ?? defaults[name];
}

function readBotToken(env: Environment): string {
  const token = optional(env, 'SLACK_BOT_TOKEN');
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

function readPort(env: Environment): number {
  const text = withDefault(env, 'PORT');
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
    throw new ConfigError('PORT', `"${text}" is not a TCP port. Set a number from 1 to 65535.`);
  }
  return port;
}

function readApiUrl(env: Environment): string {
  const text = withDefault(env, 'SLACK_API_URL');
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
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

function readHostList(env: Environment, name: 'SLASHDOCK_REPO_ALLOW'): string[] {
  const hosts = withDefault(env, name)
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');

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

function readBoolean(env: Environment, name: 'SLASHDOCK_ALLOW_INSECURE_GIT'): boolean {
  const text = withDefault(env, name).toLowerCase();
  if (text === 'true') {
    return true;
  }
  if (text === 'false') {
    return false;
  }
  throw new ConfigError(name, `"${text}" is not a boolean. Set true or false.`);
}

function readDuration(env: Environment, name: 'SLASHDOCK_CLONE_TIMEOUT'): number {
  const text = withDefault(env, name);
  try {
    const milliseconds = parseDuration(text);
    if (milliseconds > 0) {
      return milliseconds;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
  }
  throw new ConfigError(
    name,
    `"${text}" is not a positive duration. Set a value such as 90s or 5m.`,
  );
}

function readNetworkMode(env: Environment): string {
  const text = withDefault(env, 'SLASHDOCK_RUN_NETWORK');
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
  const text = withDefault(env, 'SLASHDOCK_LOG_LEVEL');
  const level = logLevels.find((candidate) => candidate === text);
  if (level === undefined) {
    throw new ConfigError(
      'SLASHDOCK_LOG_LEVEL',
      `"${text}" is not one of ${logLevels.join(', ')}.`,
    );
  }
  return level;
}
