import { describe, expect, it } from 'vitest';
import { loadConfig, type Environment } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

const botToken = 'xoxb-1111-2222-secretvalue';
const appToken = 'xapp-1-A111-secretvalue';

/** The smallest valid HTTP-mode environment. */
const httpEnv: Environment = {
  SLACK_BOT_TOKEN: botToken,
  SLACK_SIGNING_SECRET: 'signing-secret-value',
};

function configErrorFor(env: Environment): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('Expected loadConfig to raise a ConfigError.');
}

describe('loadConfig', () => {
  describe('defaults', () => {
    const config = loadConfig(httpEnv);

    it('port is 3000', () => {
      expect(config.slack.port).toBe(3000);
    });

    it('API URL is Slack', () => {
      expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    });

    it('allowed hosts are public forges', () => {
      expect(config.git.allowedHosts).toEqual(['github.com', 'gitlab.com', 'bitbucket.org']);
    });

    it('insecure git is off', () => {
      expect(config.git.allowInsecure).toBe(false);
    });

    it('clone timeout is 5 minutes', () => {
      expect(config.git.cloneTimeoutMs).toBe(300_000);
    });

    it('run network is bridge', () => {
      expect(config.run.network).toBe('bridge');
    });

    it('log level is info', () => {
      expect(config.logLevel).toBe('info');
    });

    it('HTTP mode has no app token', () => {
      expect(config.slack.appToken).toBeUndefined();
    });

    it('tokens are stored', () => {
      expect(config.slack.botToken).toBe(botToken);
      expect(config.slack.signingSecret).toBe('signing-secret-value');
    });
  });

  it('empty values use defaults', () => {
    const config = loadConfig({ ...httpEnv, PORT: '', SLASHDOCK_RUN_NETWORK: '  ' });

    expect(config.slack.port).toBe(3000);
    expect(config.run.network).toBe('bridge');
  });

  it('values are trimmed', () => {
    const config = loadConfig({ ...httpEnv, SLACK_BOT_TOKEN: ` ${botToken}\n`, PORT: ' 8080 ' });

    expect(config.slack.botToken).toBe(botToken);
    expect(config.slack.port).toBe(8080);
  });

  it('Socket Mode needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken });

    expect(config.slack.appToken).toBe(appToken);
    expect(config.slack.signingSecret).toBeUndefined();
  });

  it('API URL gets trailing slash', () => {
    const config = loadConfig({ ...httpEnv, SLACK_API_URL: 'http://127.0.0.1:9999/api' });

    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('allowed hosts are lower-cased', () => {
    const config = loadConfig({
      ...httpEnv,
      SLASHDOCK_REPO_ALLOW: ' GitHub.com , 127.0.0.1:8080 ,',
    });

    expect(config.git.allowedHosts).toEqual(['github.com', '127.0.0.1:8080']);
  });

  it.each([
    ['TRUE', true],
    ['false', false],
  ])('insecure git %s', (text, expected) => {
    const config = loadConfig({ ...httpEnv, SLASHDOCK_ALLOW_INSECURE_GIT: text });

    expect(config.git.allowInsecure).toBe(expected);
  });

  it.each(['none', 'bridge', 'slashdock_net-1.2'])('run network %s accepted', (network) => {
    expect(loadConfig({ ...httpEnv, SLASHDOCK_RUN_NETWORK: network }).run.network).toBe(network);
  });

  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
  ])('clone timeout %s', (text, expected) => {
    const config = loadConfig({ ...httpEnv, SLASHDOCK_CLONE_TIMEOUT: text });

    expect(config.git.cloneTimeoutMs).toBe(expected);
  });

  it('work dir from environment', () => {
    expect(loadConfig({ ...httpEnv, SLASHDOCK_WORK_DIR: '/srv/work' }).workDir).toBe('/srv/work');
  });

  it.each([
    ['missing bot token', { SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN', 'is missing'],
    [
      'user token as bot token',
      { ...httpEnv, SLACK_BOT_TOKEN: 'xoxp-1111-secretvalue' },
      'SLACK_BOT_TOKEN',
      'starting with "xoxb-"',
    ],
    [
      'HTTP mode without secret',
      { SLACK_BOT_TOKEN: botToken },
      'SLACK_SIGNING_SECRET',
      'is required in HTTP mode',
    ],
    [
      'bad app token',
      { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: 'xoxb-2222-secretvalue' },
      'SLACK_APP_TOKEN',
      'starting with "xapp-"',
    ],
    [
      'API URL not a URL',
      { ...httpEnv, SLACK_API_URL: 'slack' },
      'SLACK_API_URL',
      'not a valid URL',
    ],
    [
      'API URL not http',
      { ...httpEnv, SLACK_API_URL: 'ftp://127.0.0.1/api/' },
      'SLACK_API_URL',
      'must be an http or https URL',
    ],
    [
      'API URL with credentials',
      { ...httpEnv, SLACK_API_URL: 'https://admin:hunter2@127.0.0.1/api/' },
      'SLACK_API_URL',
      'must not contain credentials',
    ],
    [
      'repo host with path',
      { ...httpEnv, SLASHDOCK_REPO_ALLOW: 'github.com,https://gitlab.com' },
      'SLASHDOCK_REPO_ALLOW',
      '"https://gitlab.com" is not a host name',
    ],
    [
      'repo host with space',
      { ...httpEnv, SLASHDOCK_REPO_ALLOW: 'git hub.com' },
      'SLASHDOCK_REPO_ALLOW',
      'is not a host name',
    ],
    [
      'insecure git yes',
      { ...httpEnv, SLASHDOCK_ALLOW_INSECURE_GIT: 'yes' },
      'SLASHDOCK_ALLOW_INSECURE_GIT',
      '"yes" is not a boolean',
    ],
    [
      'host network',
      { ...httpEnv, SLASHDOCK_RUN_NETWORK: 'host' },
      'SLASHDOCK_RUN_NETWORK',
      'would share a namespace',
    ],
    [
      'container network',
      { ...httpEnv, SLASHDOCK_RUN_NETWORK: 'container:x' },
      'SLASHDOCK_RUN_NETWORK',
      'would share a namespace',
    ],
    [
      'network with slash',
      { ...httpEnv, SLASHDOCK_RUN_NETWORK: 'a/b' },
      'SLASHDOCK_RUN_NETWORK',
      'is not a network name',
    ],
    [
      'zero clone timeout',
      { ...httpEnv, SLASHDOCK_CLONE_TIMEOUT: '0s' },
      'SLASHDOCK_CLONE_TIMEOUT',
      '"0s" is not a positive duration',
    ],
    [
      'clone timeout abc',
      { ...httpEnv, SLASHDOCK_CLONE_TIMEOUT: 'abc' },
      'SLASHDOCK_CLONE_TIMEOUT',
      '"abc" is not a positive duration',
    ],
    [
      'log level verbose',
      { ...httpEnv, SLASHDOCK_LOG_LEVEL: 'verbose' },
      'SLASHDOCK_LOG_LEVEL',
      '"verbose" is not one of',
    ],
  ])('%s raises ConfigError', (_case, env, variable, message) => {
    const error = configErrorFor(env);

    expect(error.variable).toBe(variable);
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain(`${variable}: `);
    expect(error.message).toContain(message);
  });

  it.each(['0', '70000', 'abc', '-1', '80.5', '1e3'])('PORT %s raises ConfigError', (port) => {
    const error = configErrorFor({ ...httpEnv, PORT: port });

    expect(error.variable).toBe('PORT');
    expect(error.message).toContain(`"${port}"`);
    expect(error.message).toContain('from 1 to 65535');
  });

  it.each([
    ['bot token', { ...httpEnv, SLACK_BOT_TOKEN: 'xoxp-1111-secretvalue' }],
    ['app token', { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: 'xoxb-2222-secretvalue' }],
    ['API URL password', { ...httpEnv, SLACK_API_URL: 'https://admin:secretvalue@127.0.0.1/' }],
  ])('%s error hides secret', (_case, env) => {
    expect(configErrorFor(env).message).not.toContain('secretvalue');
  });
});
