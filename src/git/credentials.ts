/** Credentials the operator configured for private repositories. */
export interface GitCredentials {
  /** HTTPS credentials by host (with `:port` when the entry names one). */
  httpsTokens: ReadonlyMap<string, { username: string; token: string }>;
  /** Private key file for SSH URLs. */
  sshKeyFile: string | undefined;
  /** known_hosts file for SSH URLs; ssh's default files when unset. */
  sshKnownHostsFile: string | undefined;
}

export const noGitCredentials: GitCredentials = {
  httpsTokens: new Map(),
  sshKeyFile: undefined,
  sshKnownHostsFile: undefined,
};

/**
 * Environment variables that hand credentials for `host` to git. The HTTPS
 * token becomes an Authorization header through GIT_CONFIG_* variables,
 * which git reads like `-c` options but which never appear in a process
 * list or in git's own messages.
 */
export function gitCredentialEnvironment(
  credentials: GitCredentials,
  host: string,
): Record<string, string> {
  const sshOptions = ['-o BatchMode=yes', '-o StrictHostKeyChecking=yes'];
  if (credentials.sshKeyFile !== undefined) {
    sshOptions.push(`-i ${shellQuote(credentials.sshKeyFile)}`, '-o IdentitiesOnly=yes');
  }
  if (credentials.sshKnownHostsFile !== undefined) {
    sshOptions.push(`-o UserKnownHostsFile=${shellQuote(credentials.sshKnownHostsFile)}`);
  }
  const environment: Record<string, string> = { GIT_SSH_COMMAND: `ssh ${sshOptions.join(' ')}` };

  const https =
    credentials.httpsTokens.get(host) ?? credentials.httpsTokens.get(host.replace(/:\d+$/, ''));
  if (https !== undefined) {
    const basic = Buffer.from(`${https.username}:${https.token}`).toString('base64');
    environment.GIT_CONFIG_COUNT = '1';
    environment.GIT_CONFIG_KEY_0 = `http.https://${host}/.extraHeader`;
    environment.GIT_CONFIG_VALUE_0 = `Authorization: Basic ${basic}`;
  }
  return environment;
}

// GIT_SSH_COMMAND is run by a shell, so file paths are single-quoted.
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
