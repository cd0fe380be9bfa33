import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('loadConfig without Slack', () => {
  it('accepts an empty environment', () => {
    const config = loadConfig({}, { requireSlack: false });

    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.signingSecret).toBeUndefined();
    expect(config.git.allowedHosts).toEqual(['github.com', 'gitlab.com', 'bitbucket.org']);
  });

  it('still checks a token that is set', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user' }, { requireSlack: false })).toThrow(
      ConfigError,
    );
  });

  it('still checks every other variable', () => {
    expect(() => loadConfig({ SLASHDOCK_MAX_BUILDS: '0' }, { requireSlack: false })).toThrow(
      'SLASHDOCK_MAX_BUILDS',
    );
  });

  it('default still requires the bot token', () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'secret' })).toThrow('SLACK_BOT_TOKEN');
  });
});
