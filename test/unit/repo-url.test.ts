import { describe, expect, it } from 'vitest';
import { SlashdockError } from '../../src/errors.js';
import { parseRepoUrl, type RepoSource, type RepoUrlPolicy } from '../../src/git/repo-url.js';

const policy: RepoUrlPolicy = {
  allowedHosts: ['github.com', 'gitlab.com', '127.0.0.1:8080', '127.0.0.2', 'localhost:8080'],
  allowInsecure: false,
};

const insecurePolicy: RepoUrlPolicy = { ...policy, allowInsecure: true };

function rejectionFor(text: string, urlPolicy: RepoUrlPolicy = policy): SlashdockError {
  try {
    parseRepoUrl(text, urlPolicy);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected parseRepoUrl to reject ${JSON.stringify(text)}.`);
}

function source(
  cloneUrl: string,
  host: string,
  repoName: string,
  ref?: string,
  subdir = '',
  identity = `${host}/acme/${repoName}`,
): RepoSource {
  return { cloneUrl, host, repoName, identity, ref, subdir };
}

describe('parseRepoUrl', () => {
  it.each([
    [
      'https without .git',
      'https://github.com/acme/api',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'https with .git',
      'https://github.com/acme/api.git',
      source('https://github.com/acme/api.git', 'github.com', 'api'),
    ],
    [
      'https with trailing slash',
      'https://github.com/acme/api/',
      source('https://github.com/acme/api/', 'github.com', 'api'),
    ],
    [
      'bare host taken as https',
      'github.com/acme/api',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'upper-case host',
      'https://GitHub.com/acme/api',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'surrounding whitespace',
      '  https://github.com/acme/api \n',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'scp-like ssh',
      'git@github.com:acme/api.git',
      source('git@github.com:acme/api.git', 'github.com', 'api'),
    ],
    [
      'ssh URL',
      'ssh://git@github.com/acme/api.git',
      source('ssh://git@github.com/acme/api.git', 'github.com', 'api'),
    ],
    [
      'ssh URL with port',
      'ssh://git@github.com:2222/acme/api.git',
      source('ssh://git@github.com:2222/acme/api.git', 'github.com:2222', 'api'),
    ],
    [
      'branch ref',
      'https://github.com/acme/api#main',
      source('https://github.com/acme/api', 'github.com', 'api', 'main'),
    ],
    [
      'tag ref with subdir',
      'https://github.com/acme/api#v1.2.0:services/web',
      source('https://github.com/acme/api', 'github.com', 'api', 'v1.2.0', 'services/web'),
    ],
    [
      'root ref with subdir',
      'https://github.com/acme/api#:docs',
      source('https://github.com/acme/api', 'github.com', 'api', undefined, 'docs'),
    ],
    [
      'empty fragment',
      'https://github.com/acme/api#',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'subdir slashes trimmed',
      'https://github.com/acme/api#main:/services/web/',
      source('https://github.com/acme/api', 'github.com', 'api', 'main', 'services/web'),
    ],
    [
      'ref with slash',
      'git@github.com:acme/api.git#feature/x:web',
      source('git@github.com:acme/api.git', 'github.com', 'api', 'feature/x', 'web'),
    ],
    [
      'host with allowed port',
      'https://127.0.0.1:8080/acme/api.git',
      source('https://127.0.0.1:8080/acme/api.git', '127.0.0.1:8080', 'api'),
    ],
    [
      'bare IP host with port',
      '127.0.0.1:8080/acme/api',
      source('https://127.0.0.1:8080/acme/api', '127.0.0.1:8080', 'api'),
    ],
    [
      'plain-host entry allows any port',
      'https://127.0.0.2:9418/acme/api',
      source('https://127.0.0.2:9418/acme/api', '127.0.0.2:9418', 'api'),
    ],
    [
      'default port dropped',
      'https://github.com:443/acme/api',
      source('https://github.com/acme/api', 'github.com', 'api'),
    ],
    [
      'single path segment',
      'https://127.0.0.2/hello-app.git',
      source(
        'https://127.0.0.2/hello-app.git',
        '127.0.0.2',
        'hello-app',
        undefined,
        '',
        '127.0.0.2/hello-app',
      ),
    ],
  ])('%s', (_case, text, expected) => {
    expect(parseRepoUrl(text, policy)).toEqual(expected);
  });

  it.each([
    ['http', 'http://github.com/acme/api'],
    ['git', 'git://github.com/acme/api'],
  ])('insecure %s accepted when allowed', (_scheme, text) => {
    expect(parseRepoUrl(text, insecurePolicy)).toEqual(source(text, 'github.com', 'api'));
  });

  it.each([
    ['empty', '', 'The repository URL is empty'],
    ['only whitespace', '   ', 'The repository URL is empty'],
    ['only fragment', '#main', 'The repository URL is empty'],
    ['leading dash', '--upload-pack=touch', 'cannot start with "-"'],
    ['file scheme', 'file:///etc', 'The scheme "file" is not allowed'],
    [
      'ext transport with spaces',
      'ext::sh -c touch% /tmp/x',
      'contains spaces, control or invisible formatting characters',
    ],
    ['ext transport', 'ext::sh%20-c%20touch', 'The scheme "ext" is not allowed'],
    ['ftp scheme', 'ftp://github.com/a/b', 'The scheme "ftp" is not allowed'],
    ['http without opt-in', 'http://github.com/a/b', 'http:// repositories are not allowed'],
    ['git without opt-in', 'git://github.com/a/b', 'git:// repositories are not allowed'],
    ['user and password', 'https://user:pass@github.com/a/b', 'contains credentials'],
    ['token as user', 'https://ghp_token@github.com/a/b', 'contains credentials'],
    ['ssh password', 'ssh://git:pass@github.com/a/b', 'contains credentials'],
    ['host not allowed', 'https://example.invalid/a/b', 'Repositories on example.invalid'],
    ['port not allowed', 'https://127.0.0.1:9090/a/b', 'Repositories on 127.0.0.1:9090'],
    ['scp-like host not allowed', 'git@example.invalid:a/b.git', 'not allowed'],
    ['allowed host in user part', 'https://github.com@example.invalid/a/b', 'credentials'],
    ['no repository path', 'https://github.com', 'has no repository path'],
    ['root path only', 'https://github.com/', 'has no repository path'],
    ['only .git', 'https://github.com/.git', 'has no repository path'],
    ['query string', 'https://github.com/a/b?x=1', 'has a query string'],
    [
      'space in URL',
      'https://github.com/a b',
      'contains spaces, control or invisible formatting characters',
    ],
    [
      'tab in URL',
      'https://github.com/a\tb',
      'contains spaces, control or invisible formatting characters',
    ],
    [
      'NUL in URL',
      'https://github.com/a/b\u0000',
      'contains spaces, control or invisible formatting characters',
    ],
    [
      'DEL in URL',
      'https://github.com/a/b\u007f',
      'contains spaces, control or invisible formatting characters',
    ],
    ['ref starting with dash', 'https://github.com/a/b#-x', 'The ref after "#" is not a valid'],
    ['ref with dot-dot', 'https://github.com/a/b#main..x', 'The ref after "#" is not a valid'],
    ['ref with caret', 'https://github.com/a/b#HEAD^', 'The ref after "#" is not a valid'],
    ['subdir with dot-dot', 'https://github.com/a/b#main:../etc', 'a path inside the repository'],
    ['nested dot-dot subdir', 'https://github.com/a/b#:web/../../x', 'inside the repository'],
    ['subdir with backslash', 'https://github.com/a/b#:web\\x', 'inside the repository'],
    ['subdir with newline', 'https://github.com/a/b#:web\nx', 'inside the repository'],
  ])('%s is rejected', (_case, text, message) => {
    const error = rejectionFor(text);

    expect(error.code).toBe('repo_url_rejected');
    expect(error.message).toContain(message);
  });

  it('credential error hides password', () => {
    expect(rejectionFor('https://user:pass@github.com/a/b').message).not.toContain('pass');
  });

  it('credential error hides token', () => {
    expect(rejectionFor('https://ghp_token@github.com/a/b').message).not.toContain('ghp_token');
  });

  it('empty allowlist is named', () => {
    const error = rejectionFor('https://github.com/a/b', {
      allowedHosts: [],
      allowInsecure: false,
    });

    expect(error.message).toContain('Allowed hosts: (none).');
  });

  it('bad percent escape is rejected', () => {
    expect(rejectionFor('https://github.com/acme/%zz').code).toBe('repo_url_rejected');
  });

  it('bare named host with port', () => {
    expect(parseRepoUrl('localhost:8080/acme/api', policy)).toEqual(
      source('https://localhost:8080/acme/api', 'localhost:8080', 'api'),
    );
  });

  it('ssh user starting with dash', () => {
    expect(rejectionFor('ssh://-oProxyCommand=x@github.com/a/b').code).toBe('repo_url_rejected');
  });
});
