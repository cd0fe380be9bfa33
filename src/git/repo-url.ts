import { SlashdockError } from '../errors.js';
import { maskSecrets } from '../format/secret-patterns.js';

/** A repository URL that passed validation, split into what clone and build need. */
export interface RepoSource {
  /** URL handed to git, without the `#ref:subdir` fragment. */
  cloneUrl: string;
  /** Host name, lower case, with `:port` when the URL names one. */
  host: string;
  /** Last path segment without `.git`, used to name the image. */
  repoName: string;
  /** Host and repository path without `.git`, as allowlist patterns match it: `github.com/acme/api`. */
  identity: string;
  /** Branch, tag or commit from the fragment; undefined means the default branch. */
  ref: string | undefined;
  /** Folder inside the repository used as the build context; '' is the root. */
  subdir: string;
}

export interface RepoUrlPolicy {
  allowedHosts: readonly string[];
  allowInsecure: boolean;
}

const secureSchemes = new Set(['https:', 'ssh:']);
const insecureSchemes = new Set(['http:', 'git:']);
const scpLikePattern =
  /^(?<user>[A-Za-z0-9_][A-Za-z0-9._-]*)@(?<host>[A-Za-z0-9.-]+):(?<path>[^/].*)$/;

/**
 * Validates a repository URL typed into Slack and parses docker build's
 * `#ref:subdir` fragment. Accepts `https://host/org/repo(.git)`,
 * `ssh://git@host/org/repo.git`, `git@host:org/repo.git` and
 * `host/org/repo` (taken as https). Error messages never echo credentials.
 */
export function parseRepoUrl(text: string, policy: RepoUrlPolicy): RepoSource {
  const [location, fragment] = splitFragment(text.trim());

  if (location === '') {
    throw rejected('The repository URL is empty. Give a URL such as https://github.com/acme/api.');
  }
  if (location.startsWith('-')) {
    throw rejected(
      'A repository URL cannot start with "-". Give a URL such as https://github.com/acme/api.',
    );
  }
  if (/[\s\p{Cc}\p{Cf}]/u.test(location)) {
    throw rejected(
      'The repository URL contains spaces, control or invisible formatting characters. Remove them and try again.',
    );
  }
  if (/^(\/|\.|~)/.test(location)) {
    throw rejected(
      'Local paths cannot be built; Slashdock clones from git hosts only. Give a URL such as https://github.com/acme/api.',
    );
  }

  const { cloneUrl, host, path } = parseLocation(location, policy);
  checkHostAllowed(host, policy);
  if (/[\p{Cc}\p{Cf}]/u.test(path) || path.split('/').some((segment) => segment.startsWith('-'))) {
    throw rejected(
      'The repository path contains control characters or a part starting with "-". Check the URL.',
    );
  }

  const repoName = path
    .replace(/\/+$/, '')
    .split('/')
    .at(-1)
    ?.replace(/\.git$/, '');
  if (repoName === undefined || repoName === '' || path.split('/').filter(Boolean).length < 1) {
    throw rejected(
      `The URL for ${host} has no repository path. Give a URL such as https://${host}/org/repo.`,
    );
  }

  const { ref, subdir } = parseFragment(fragment);
  const repoPath = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  return { cloneUrl, host, repoName, identity: `${host}/${repoPath}`, ref, subdir };
}

function parseLocation(
  location: string,
  policy: RepoUrlPolicy,
): { cloneUrl: string; host: string; path: string } {
  const scpLike = scpLikePattern.exec(location);
  if (scpLike?.groups !== undefined && !location.includes('://')) {
    const { user = '', host = '', path = '' } = scpLike.groups;
    checkSshUser(user);
    return { cloneUrl: `${user}@${host}:${path}`, host: host.toLowerCase(), path };
  }

  // "name:" starts a scheme unless digits follow, as in host:8080/org/repo.
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(location) ? location : `https://${location}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw rejected(
      'That is not a valid repository URL. Give a URL such as https://github.com/acme/api.',
    );
  }

  if (!secureSchemes.has(url.protocol) && !insecureSchemes.has(url.protocol)) {
    throw rejected(
      `The scheme "${url.protocol.replace(/:$/, '')}" is not allowed for repositories. Use https:// or ssh://.`,
    );
  }
  if (insecureSchemes.has(url.protocol) && !policy.allowInsecure) {
    throw rejected(
      `${url.protocol.replace(/:$/, '')}:// repositories are not allowed because they are not encrypted. Use https:// or ssh://, or ask the operator to set SLASHDOCK_ALLOW_INSECURE_GIT=true.`,
    );
  }
  if (url.password !== '' || (url.username !== '' && url.protocol !== 'ssh:')) {
    throw rejected(
      'The repository URL contains credentials. Never paste credentials into Slack: remove them from the URL, and rotate them if they were real. Private repositories use credentials configured by the operator.',
    );
  }
  if (url.protocol === 'ssh:' && url.username !== '') {
    checkSshUser(decodeURIComponent(url.username));
  }
  if (url.username.startsWith('-') || url.hostname.startsWith('-')) {
    throw rejected('A user or host name in a repository URL cannot start with "-".');
  }
  if (url.search !== '') {
    throw rejected('The repository URL has a query string (?...). Remove it and try again.');
  }

  const host = url.host.toLowerCase();
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw rejected('The repository URL has a malformed %-escape. Check the URL and try again.');
  }
  return { cloneUrl: url.href, host, path };
}

/**
 * Accepts only the short account names git hosts use over SSH (`git`,
 * `org-123`), so that a token pasted as the user name is refused rather
 * than passed to git and recorded in labels.
 */
function checkSshUser(user: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,31}$/.test(user) || maskSecrets(user) !== user) {
    throw rejected(
      'The SSH user name in the URL is not a plain account name such as "git". Never paste credentials into Slack; private repositories use keys configured by the operator.',
    );
  }
}

function checkHostAllowed(host: string, policy: RepoUrlPolicy): void {
  const hostname = host.replace(/:\d+$/, '');
  const allowed = policy.allowedHosts.some((entry) => entry === host || entry === hostname);
  if (!allowed) {
    throw rejected(
      `Repositories on ${host} are not allowed. Allowed hosts: ${policy.allowedHosts.join(', ') || '(none)'}. An operator can add the host to SLASHDOCK_REPO_ALLOW.`,
    );
  }
}

function splitFragment(text: string): [string, string | undefined] {
  const index = text.indexOf('#');
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function parseFragment(fragment: string | undefined): { ref: string | undefined; subdir: string } {
  if (fragment === undefined) {
    return { ref: undefined, subdir: '' };
  }
  const colon = fragment.indexOf(':');
  const ref = colon === -1 ? fragment : fragment.slice(0, colon);
  const subdir = colon === -1 ? '' : fragment.slice(colon + 1).replace(/^\/+|\/+$/g, '');

  if (ref.startsWith('-') || !/^[A-Za-z0-9._/-]*$/.test(ref) || ref.includes('..')) {
    throw rejected(
      'The ref after "#" is not a valid branch, tag or commit name. Use letters, digits, ".", "_", "-" and "/", for example #main or #v1.2.0.',
    );
  }
  if (subdir.split('/').includes('..') || /[\p{Cc}\p{Cf}\\]/u.test(subdir)) {
    throw rejected(
      'The folder after ":" must be a path inside the repository, for example #main:services/web.',
    );
  }
  return { ref: ref === '' ? undefined : ref, subdir };
}

function rejected(message: string): SlashdockError {
  return new SlashdockError('repo_url_rejected', message);
}
