import { describe, expect, it } from 'vitest';
import { gitCredentialEnvironment, noGitCredentials } from '../../src/git/credentials.js';

const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
const credentials = {
  httpsTokens: new Map([
    ['github.com', { username: 'x-access-token', token }],
    ['git.example.test:8443', { username: 'builder', token: 'port-token' }],
  ]),
  sshKeyFile: "/keys/deploy key's.pem",
  sshKnownHostsFile: '/keys/known_hosts',
};

function basicHeader(username: string, secret: string): string {
  return `Authorization: Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
}

describe('gitCredentialEnvironment', () => {
  it('sends the token as a header for its host', () => {
    const environment = gitCredentialEnvironment(credentials, 'github.com');

    expect(environment.GIT_CONFIG_KEY_0).toBe('http.https://github.com/.extraHeader');
    expect(environment.GIT_CONFIG_VALUE_0).toBe(basicHeader('x-access-token', token));
  });

  it('matches a host with a port exactly', () => {
    const environment = gitCredentialEnvironment(credentials, 'git.example.test:8443');

    expect(environment.GIT_CONFIG_VALUE_0).toBe(basicHeader('builder', 'port-token'));
  });

  it('uses a plain host entry for any port', () => {
    const environment = gitCredentialEnvironment(credentials, 'github.com:443');

    expect(environment.GIT_CONFIG_KEY_0).toBe('http.https://github.com:443/.extraHeader');
  });

  it('sends nothing to other hosts', () => {
    const environment = gitCredentialEnvironment(credentials, 'gitlab.com');

    expect(environment.GIT_CONFIG_COUNT).toBeUndefined();
  });

  it('never puts the token in plain text', () => {
    const environment = gitCredentialEnvironment(credentials, 'github.com');

    expect(JSON.stringify(environment)).not.toContain(token);
  });

  it('quotes the SSH key path for the shell', () => {
    const environment = gitCredentialEnvironment(credentials, 'github.com');

    expect(environment.GIT_SSH_COMMAND).toContain(`-i '/keys/deploy key'\\''s.pem'`);
  });

  it('rejects unknown SSH host keys', () => {
    const environment = gitCredentialEnvironment(noGitCredentials, 'github.com');

    expect(environment.GIT_SSH_COMMAND).toBe('ssh -o BatchMode=yes -o StrictHostKeyChecking=yes');
  });
});
