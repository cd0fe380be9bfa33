import { matchesAny } from './glob-pattern.js';
import type { ChannelRule, PolicyRules } from './policy-file.js';

/** Rules for who may use which command where, and on which repositories and images. */
export interface AccessPolicy {
  /** Channel IDs where Slashdock responds; empty means every channel. */
  allowedChannels: readonly string[];
  /** User IDs who may use Slashdock; empty means everyone. Admins always may. */
  allowedUsers: readonly string[];
  admins: readonly string[];
  /** Commands only admins may run. */
  adminCommands: readonly string[];
  /** Repository patterns (`host/org/repo`) allowed everywhere; undefined means any allowed host. */
  repoPatterns: readonly RegExp[] | undefined;
  /** Image patterns `run` may start; undefined means any image. */
  imagePatterns: readonly RegExp[] | undefined;
  /** Per-channel rules from SLASHDOCK_POLICY_FILE. */
  rules: PolicyRules | undefined;
}

export interface AccessRequest {
  userId: string;
  channelId: string;
  command: string;
  /** Repository identities the command would clone, such as `github.com/acme/api`. */
  repos: readonly string[];
  /** Image references the command would start. */
  images: readonly string[];
}

export type AccessDecision =
  { allowed: true } | { allowed: false; reason: string; whoCanAllow: string };

/**
 * Decides whether a request may run, before any work starts. Rules apply
 * in order: channel, user, admin-only command, then the channel's rule from
 * the policy file (commands, repositories, images), then the global
 * repository and image patterns.
 */
export function checkAccess(request: AccessRequest, policy: AccessPolicy): AccessDecision {
  const isAdmin = policy.admins.includes(request.userId);
  const operator = 'the Slashdock operator';
  const admins = mentionList(policy.admins);

  if (policy.allowedChannels.length > 0 && !policy.allowedChannels.includes(request.channelId)) {
    return deny(
      'Slashdock is not enabled in this channel.',
      `${operator} (SLASHDOCK_ALLOWED_CHANNELS)`,
    );
  }
  if (!isAdmin && policy.allowedUsers.length > 0 && !policy.allowedUsers.includes(request.userId)) {
    return deny(
      'You are not on the list of Slashdock users.',
      `${operator} (SLASHDOCK_ALLOWED_USERS)`,
    );
  }
  if (!isAdmin && policy.adminCommands.includes(request.command)) {
    return deny(
      `\`${request.command}\` is for Slashdock admins only.`,
      admins ?? `${operator} (SLASHDOCK_ADMINS)`,
    );
  }

  const rule = policy.rules?.get(request.channelId) ?? policy.rules?.get('*');
  const ruleDecision = rule === undefined ? undefined : checkChannelRule(request, rule, operator);
  if (ruleDecision !== undefined) {
    return ruleDecision;
  }

  const repo = request.repos.find(
    (identity) => policy.repoPatterns !== undefined && !matchesAny(identity, policy.repoPatterns),
  );
  if (repo !== undefined) {
    return deny(
      `The repository ${repo} is not on the list of allowed repositories.`,
      `${operator} (SLASHDOCK_REPO_PATTERNS)`,
    );
  }
  const image = request.images.find(
    (reference) =>
      policy.imagePatterns !== undefined && !matchesImage(reference, policy.imagePatterns),
  );
  if (image !== undefined) {
    return deny(
      `The image ${image} is not on the list of images that may run.`,
      `${operator} (SLASHDOCK_RUN_IMAGE_ALLOW)`,
    );
  }
  return { allowed: true };
}

function checkChannelRule(
  request: AccessRequest,
  rule: ChannelRule,
  operator: string,
): AccessDecision | undefined {
  const byPolicyFile = `${operator} (SLASHDOCK_POLICY_FILE)`;
  if (rule.commands !== undefined && !rule.commands.includes(request.command)) {
    const allowed = rule.commands.length === 0 ? 'none' : rule.commands.join(', ');
    return deny(
      `\`${request.command}\` is not allowed in this channel. Allowed here: ${allowed}.`,
      byPolicyFile,
    );
  }
  const repo = request.repos.find(
    (identity) => rule.repos !== undefined && !matchesAny(identity, rule.repos),
  );
  if (repo !== undefined) {
    return deny(
      `The repository ${repo} is not allowed in this channel. Allowed here: ${rule.repoPatterns.join(', ') || 'none'}.`,
      byPolicyFile,
    );
  }
  const image = request.images.find(
    (reference) => rule.images !== undefined && !matchesImage(reference, rule.images),
  );
  if (image !== undefined) {
    return deny(
      `The image ${image} is not allowed in this channel. Allowed here: ${rule.imagePatterns.join(', ') || 'none'}.`,
      byPolicyFile,
    );
  }
  return undefined;
}

/**
 * Reports whether an image reference matches. A pattern with a tag
 * (`busybox:1.36`, `acme/*:prod`) matches the full reference; one without
 * a tag matches the name with any tag.
 */
function matchesImage(reference: string, patterns: readonly RegExp[]): boolean {
  const withTag = /:[^/]+$/.test(reference) ? reference : `${reference}:latest`;
  const name = withTag.replace(/:[^/]+$/, '');
  return matchesAny(withTag, patterns) || matchesAny(name, patterns);
}

function deny(reason: string, whoCanAllow: string): AccessDecision {
  return { allowed: false, reason, whoCanAllow };
}

function mentionList(userIds: readonly string[]): string | undefined {
  return userIds.length === 0
    ? undefined
    : `a Slashdock admin (${userIds.map((id) => `<@${id}>`).join(', ')})`;
}
