/**
 * Shapes of credentials that must never reach Slack, a log line or an
 * uploaded file, no matter who typed or printed them: Slack tokens, GitHub and
 * GitLab tokens, AWS access key IDs and secret assignments, and
 * credentials inside URLs. Matching is by shape, so a new token of a known
 * kind is masked without being configured anywhere.
 */
const secretPatterns: readonly { pattern: RegExp; replacement: string }[] = [
  { pattern: /\bxox[abposre]-[A-Za-z0-9-]{8,}/g, replacement: 'xox*-****' },
  { pattern: /\bxapp-[A-Za-z0-9-]{8,}/g, replacement: 'xapp-****' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, replacement: 'gh*_****' },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replacement: 'github_pat_****' },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replacement: 'glpat-****' },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, replacement: 'AKIA****' },
  {
    pattern:
      /\b(aws_secret_access_key|aws_session_token)(\s*[=:]\s*)["']?[A-Za-z0-9/+=]{16,}["']?/gi,
    replacement: '$1$2****',
  },
  // scheme://user:password@host and scheme://token@host
  // The scheme is bounded so that long runs of letters and dots cannot make
  // the search quadratic.
  { pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, replacement: '$1****@' },
];

/** Replaces every credential-shaped part of a text with a masked form. */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const { pattern, replacement } of secretPatterns) {
    masked = masked.replace(pattern, replacement);
  }
  return masked;
}
