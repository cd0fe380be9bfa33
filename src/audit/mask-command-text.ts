import { maskSecrets } from '../format/secret-patterns.js';
import { unescapeSlackText } from '../parser/slack-text.js';
import { tokenize } from '../parser/tokenize.js';

/** Flags whose value is `KEY=VALUE` with a secret VALUE. */
const secretValueFlags = new Set(['--build-arg', '-e', '--env']);

/**
 * Renders command text for the audit trail with secrets masked: the VALUE
 * of `--build-arg KEY=VALUE` and `-e KEY=VALUE` (in every spelling), and
 * anything shaped like a token or URL credentials.
 */
export function maskCommandText(rawText: string): string {
  const text = unescapeSlackText(rawText);
  let words: string[];
  try {
    words = tokenize(text);
  } catch {
    // Unparseable text still gets a best effort: mask whatever follows "=".
    return maskSecrets(text.replace(/=\S+/g, '=****'));
  }

  const masked = words.map((word, index) => {
    const previous = words[index - 1] ?? '';
    const [flag = '', ...rest] = word.split('=');
    if (secretValueFlags.has(previous)) {
      return maskAssignment(word);
    }
    if (secretValueFlags.has(flag) && rest.length > 0) {
      return `${flag}=${maskAssignment(rest.join('='))}`;
    }
    if (/^-e./.test(word) && !word.startsWith('--')) {
      return `-e${maskAssignment(word.slice(2))}`;
    }
    return word;
  });
  // Words are masked before quoting, because quoting escapes characters
  // and can glue a token to the escape in front of it.
  return maskSecrets(masked.map((word) => quoteIfNeeded(maskSecrets(word))).join(' '));
}

function maskAssignment(assignment: string): string {
  const separator = assignment.indexOf('=');
  return separator === -1 ? '****' : `${assignment.slice(0, separator)}=****`;
}

function quoteIfNeeded(word: string): string {
  return /^[\w@%+=:,./#*-]+$/.test(word) ? word : JSON.stringify(word);
}
