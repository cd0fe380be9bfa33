import type { Config } from '../config.js';
import type { AccessPolicy } from './access-policy.js';
import { compileGlob } from './glob-pattern.js';
import { loadPolicyFile } from './policy-file.js';

/**
 * Builds the access policy from configuration, reading and validating the
 * policy file when one is set. Called at start, so a bad file stops the
 * app with a message naming its line.
 */
export function createAccessPolicy(config: Config, commandNames: readonly string[]): AccessPolicy {
  const { access } = config;
  return {
    allowedChannels: access.allowedChannels,
    allowedUsers: access.allowedUsers,
    admins: config.admins,
    adminCommands: access.adminCommands,
    repoPatterns: access.repoPatterns?.map(compileGlob),
    imagePatterns: access.imagePatterns?.map(compileGlob),
    rules:
      access.policyFile === undefined ? undefined : loadPolicyFile(access.policyFile, commandNames),
  };
}
