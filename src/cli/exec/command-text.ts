import { escapeSlackText } from '../../format/slack-escape.js';

/** Characters that need no quoting for the slash-command tokenizer. */
const plainWordPattern = /^[A-Za-z0-9_@%+=:,./#-]+$/;

/**
 * Turns the words after `slashdock exec` into the text Slack would send
 * after `/docker`. A single word is the whole text, as typed in Slack, so
 * `slashdock exec "run busybox echo 'a b'"` works. Several words come from
 * the shell already split, so each is escaped with backslashes to stay one
 * word. The result is escaped as Slack escapes `&`, `<` and `>`, because
 * resolveCommand decodes those entities.
 */
export function toCommandText(words: readonly string[]): string {
  const text = words.length === 1 ? (words[0] ?? '') : words.map(quoteWord).join(' ');
  return escapeSlackText(text);
}

function quoteWord(word: string): string {
  if (word === '') {
    return "''";
  }
  if (plainWordPattern.test(word)) {
    return word;
  }
  // A backslash keeps the next character literally, quotes and Slack's
  // smart quotes included, which single quotes alone would not.
  return word.replace(/[^A-Za-z0-9_@%+=:,./#-]/g, '\\$&');
}
