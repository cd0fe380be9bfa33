import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config.js';
import type { CheckResult } from './check-result.js';
import type { AppManifest } from './read-manifest.js';

/** Fields of the auth.test response that the doctor reports. */
interface AuthTestAnswer {
  team?: string;
  team_id?: string;
  user?: string;
  user_id?: string;
  bot_id?: string;
  response_metadata?: { scopes?: string[] };
}

/** Keeps the Web API client from writing its own log lines into the doctor's table. */
const silentLogger: NonNullable<WebClientOptions['logger']> = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/**
 * Checks the Slack side: whether a bot token is set, whether Slack accepts
 * it (`auth.test` against SLACK_API_URL), which scopes it was granted
 * against those manifest.yml requests, and whether the way Slack reaches
 * the app (Socket Mode or HTTP) matches the manifest. Without a token this
 * is one warning, because the terminal runner needs no Slack.
 */
export async function checkSlack(
  config: Config | undefined,
  manifest: AppManifest | Error,
): Promise<CheckResult[]> {
  if (config === undefined) {
    return [
      {
        name: 'Slack',
        verdict: 'warn',
        detail: 'Not checked, because the configuration is invalid.',
        fix: 'Fix the configuration line above first.',
      },
    ];
  }

  const token = config.slack.botToken;
  if (token === undefined) {
    return [
      {
        name: 'Slack',
        verdict: 'warn',
        detail:
          'SLACK_BOT_TOKEN is not set, so Slack is not configured yet. slashdock exec and slashdock doctor work without it.',
        fix: 'Create the Slack app from manifest.yml and set SLACK_BOT_TOKEN (README, "Setting up the Slack app").',
      },
    ];
  }

  const results = [checkConnectionMode(config, manifest)];
  let answer: AuthTestAnswer;
  try {
    answer = await new WebClient(token, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      timeout: 15_000,
      logger: silentLogger,
    }).auth.test();
  } catch (error) {
    results.unshift(describeAuthFailure(error, config.slack.apiUrl));
    return results;
  }

  results.unshift(
    {
      name: 'Slack token',
      verdict: 'ok',
      detail: `Slack accepts SLACK_BOT_TOKEN: team ${answer.team ?? '?'} (${answer.team_id ?? '?'}), bot user ${answer.user ?? '?'} (${answer.user_id ?? '?'}).`,
    },
    checkScopes(answer.response_metadata?.scopes, manifest),
  );
  return results;
}

/** Compares the scopes Slack reports in the `x-oauth-scopes` header with the manifest's. */
function checkScopes(granted: string[] | undefined, manifest: AppManifest | Error): CheckResult {
  const name = 'Slack scopes';
  if (manifest instanceof Error) {
    return {
      name,
      verdict: 'warn',
      detail: `Not compared, because the manifest could not be read: ${manifest.message}`,
      fix: 'Restore manifest.yml from the Slashdock release.',
    };
  }
  if (granted === undefined) {
    return {
      name,
      verdict: 'warn',
      detail: 'Slack did not report the scopes of the token (no x-oauth-scopes header).',
      fix: `Check under OAuth & Permissions that the bot has ${manifest.botScopes.join(', ')}.`,
    };
  }

  const missing = manifest.botScopes.filter((scope) => !granted.includes(scope));
  const extra = granted.filter((scope) => !manifest.botScopes.includes(scope));
  if (missing.length > 0) {
    return {
      name,
      verdict: 'fail',
      detail: `The token lacks ${missing.join(', ')}; manifest.yml asks for ${manifest.botScopes.join(', ')}.`,
      fix: 'Add the missing scopes under OAuth & Permissions > Bot Token Scopes (or update the app from manifest.yml), then reinstall the app to the workspace.',
    };
  }
  if (extra.length > 0) {
    return {
      name,
      verdict: 'warn',
      detail: `Granted every scope manifest.yml asks for, and also ${extra.join(', ')}, which Slashdock does not use.`,
      fix: 'Remove the extra scopes under OAuth & Permissions and reinstall the app, so that the token can do no more than Slashdock needs.',
    };
  }
  return {
    name,
    verdict: 'ok',
    detail: `Granted exactly what manifest.yml asks for: ${granted.join(', ')}.`,
  };
}

/**
 * Socket Mode needs an app-level token and HTTP mode a signing secret. The
 * manifest turns Socket Mode on, and a deployment that uses HTTP must turn
 * it off in the app settings, or Slack never sends it anything.
 */
function checkConnectionMode(config: Config, manifest: AppManifest | Error): CheckResult {
  const name = 'Slack connection';
  const manifestSocketMode = manifest instanceof Error ? undefined : manifest.socketMode;

  if (config.slack.appToken !== undefined) {
    return manifestSocketMode === false
      ? {
          name,
          verdict: 'warn',
          detail:
            'SLACK_APP_TOKEN is set, so the app uses Socket Mode, but manifest.yml turns Socket Mode off.',
          fix: 'Turn Socket Mode on in the app settings, or unset SLACK_APP_TOKEN to use HTTP.',
        }
      : { name, verdict: 'ok', detail: 'Socket Mode: SLACK_APP_TOKEN is set.' };
  }
  if (config.slack.signingSecret === undefined) {
    return {
      name,
      verdict: 'fail',
      detail:
        'Neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set, so slashdock serve cannot start.',
      fix: 'Set SLACK_APP_TOKEN to an app-level token with connections:write (Basic Information > App-Level Tokens), or SLACK_SIGNING_SECRET for HTTP mode.',
    };
  }
  return manifestSocketMode === true
    ? {
        name,
        verdict: 'warn',
        detail: `HTTP mode on port ${config.slack.port}: SLACK_APP_TOKEN is unset, but manifest.yml turns Socket Mode on, so Slack sends nothing over HTTP until it is turned off.`,
        fix: 'Set SLACK_APP_TOKEN to use Socket Mode, or turn Socket Mode off in the app settings and set the Request URLs to https://HOST/slack/events.',
      }
    : {
        name,
        verdict: 'ok',
        detail: `HTTP mode on port ${config.slack.port}: SLACK_SIGNING_SECRET is set.`,
      };
}

function describeAuthFailure(error: unknown, apiUrl: string): CheckResult {
  const name = 'Slack token';
  const slackError = (error as { code?: unknown; data?: { error?: unknown } } | null) ?? {};

  if (slackError.code === 'slack_webapi_platform_error') {
    const code = typeof slackError.data?.error === 'string' ? slackError.data.error : 'unknown';
    return {
      name,
      verdict: 'fail',
      detail: `Slack rejected SLACK_BOT_TOKEN: ${code}.`,
      fix: fixForAuthError(code),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    name,
    verdict: 'fail',
    detail: `auth.test at ${apiUrl} failed: ${message}`,
    fix: 'Check that this machine can reach the Slack Web API (a proxy or firewall may block it), and SLACK_API_URL if it is set.',
  };
}

function fixForAuthError(code: string): string {
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
      return 'Copy the Bot User OAuth Token (xoxb-...) again from OAuth & Permissions into SLACK_BOT_TOKEN.';
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return 'The app was uninstalled or its token revoked. Reinstall the app to the workspace and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN.';
    default:
      return 'Check SLACK_BOT_TOKEN against OAuth & Permissions, and SLACK_API_URL if it is set.';
  }
}
