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
import { readRunConfig, type RunConfig } from './run/run-config.js';

export type { Environment };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything Slashdock reads from the environment, validated once at start. */
export interface Config {
  slack: {
    /** Always set for the Slack app; unset only when loaded with `requireSlack: false`. */
    botToken: string | undefined;
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
    /** Hosts that may resolve to loopback, private or link-local addresses. */
    allowPrivateHosts: string[];
    cloneTimeoutMs: number;
    maxRepoBytes: number;
    submodules: boolean;
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
  run: RunConfig;
  /** Slack user IDs that may act on anything, such as cancelling others' builds. */
  admins: string[];
  access: {
    allowedChannels: string[];
    allowedUsers: string[];
    adminCommands: string[];
    repoPatterns: string[] | undefined;
    imagePatterns: string[] | undefined;
    /** Path of the per-channel policy file, loaded and validated at start. */
    policyFile: string | undefined;
    /** Channel that gets a copy of every audit line. */
    auditChannel: string | undefined;
  };
  confirmation: {
    /** How long a stop or remove request waits for its Confirm button before it expires. */
    timeoutMs: number;
  };
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

/** The configuration of the Slack app, which always has a bot token. */
export type SlackAppConfig = Config & { slack: { botToken: string } };

export interface LoadConfigOptions {
  /**
   * Whether the Slack settings must be complete, as the Slack app needs
   * (the default). The terminal runner and the doctor pass false: the bot
   * token may then be unset but is still checked when set, and HTTP mode
   * needs no signing secret.
   */
  requireSlack?: boolean;
}

/**
 * Builds the typed configuration from an environment. Throws a ConfigError
 * naming the first bad variable; secret values never appear in the message.
 */
export function loadConfig(env: Environment, options?: { requireSlack?: true }): SlackAppConfig;
export function loadConfig(env: Environment, options: LoadConfigOptions): Config;
export function loadConfig(env: Environment, options: LoadConfigOptions = {}): Config {
  const requireSlack = options.requireSlack ?? true;
  const botToken = readBotToken(env, requireSlack);
  const appToken = readOptional(env, 'SLACK_APP_TOKEN');
  const signingSecret = readOptional(env, 'SLACK_SIGNING_SECRET');

  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'must be an app-level token starting with "xapp-" (Basic Information > App-Level Tokens), or be unset to use HTTP mode.',
    );
  }
  if (requireSlack && appToken === undefined && signingSecret === undefined) {
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
      allowPrivateHosts: readList(env, 'SLASHDOCK_REPO_ALLOW_PRIVATE', '').map((host) =>
        host.toLowerCase(),
      ),
      cloneTimeoutMs: readDuration(env, 'SLASHDOCK_CLONE_TIMEOUT', '5m'),
      maxRepoBytes:
        readInteger(env, 'SLASHDOCK_MAX_REPO_MB', 1000, { min: 1, max: 100_000, unit: 'MB' }) *
        1_000_000,
      submodules: readBoolean(env, 'SLASHDOCK_GIT_SUBMODULES', false),
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
    run: readRunConfig(env),
    admins: readUserIds(env, 'SLASHDOCK_ADMINS'),
    access: {
      allowedChannels: readChannelIds(env, 'SLASHDOCK_ALLOWED_CHANNELS'),
      allowedUsers: readUserIds(env, 'SLASHDOCK_ALLOWED_USERS'),
      adminCommands: readCommandNames(env, 'SLASHDOCK_ADMIN_COMMANDS'),
      repoPatterns: readPatterns(env, 'SLASHDOCK_REPO_PATTERNS'),
      imagePatterns: readPatterns(env, 'SLASHDOCK_RUN_IMAGE_ALLOW'),
      policyFile: readOptional(env, 'SLASHDOCK_POLICY_FILE'),
      auditChannel: readChannelIds(env, 'SLASHDOCK_AUDIT_CHANNEL')[0],
    },
    confirmation: {
      timeoutMs: readDuration(env, 'SLASHDOCK_CONFIRM_TIMEOUT', '10m'),
    },
    workDir: readOptional(env, 'SLASHDOCK_WORK_DIR') ?? os.tmpdir(),
    logLevel: readLogLevel(env),
  };
}

function readChannelIds(env: Environment, name: string): string[] {
  const ids = readList(env, name, '');
  for (const id of ids) {
    if (!/^[CGD][A-Z0-9]{2,}$/.test(id)) {
      throw new ConfigError(
        name,
        `"${id}" is not a Slack channel ID. Use IDs such as C012AB3CD (channel details > About), separated by commas.`,
      );
    }
  }
  return ids;
}

function readCommandNames(env: Environment, name: string): string[] {
  const names = readList(env, name, '');
  for (const command of names) {
    if (!/^[a-z]+$/.test(command)) {
      throw new ConfigError(name, `"${command}" is not a command name such as build or rm.`);
    }
  }
  return names;
}

/** Reads allowlist patterns; unset means no list (everything allowed). */
function readPatterns(env: Environment, name: string): string[] | undefined {
  const patterns = readList(env, name, '');
  return readOptional(env, name) === undefined ? undefined : patterns;
}

function readBotToken(env: Environment, required: boolean): string | undefined {
  const token = readOptional(env, 'SLACK_BOT_TOKEN');
  if (token === undefined) {
    if (!required) {
      return undefined;
    }
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
