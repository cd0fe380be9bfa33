import { UsageError } from '../errors.js';

/**
 * Splits command text into words the way a POSIX shell does for quoting,
 * without any expansion: whitespace separates words, single quotes keep
 * everything literally, double quotes keep everything but `\"` and `\\`,
 * and a backslash outside quotes escapes the next character.
 * Slack's "smart" quotes are treated as plain quotes, because Slack clients
 * on some platforms replace them as people type.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;

  for (let index = 0; index < text.length; index += 1) {
    const char = normalizeQuote(text[index] ?? '');

    if (quote === "'") {
      if (char === "'") {
        quote = undefined;
      } else {
        current += char;
      }
      continue;
    }

    if (quote === '"') {
      if (char === '"') {
        quote = undefined;
      } else if (char === '\\' && (text[index + 1] === '"' || text[index + 1] === '\\')) {
        current += text[index + 1] ?? '';
        index += 1;
      } else {
        current += char;
      }
      continue;
    }

    if (/\s/.test(char)) {
      if (inWord) {
        words.push(current);
        current = '';
        inWord = false;
      }
      continue;
    }

    inWord = true;
    if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '\\' && index + 1 < text.length) {
      current += text[index + 1] ?? '';
      index += 1;
    } else {
      current += char;
    }
  }

  if (quote !== undefined) {
    throw new UsageError(`The command has an unclosed ${quote} quote. Close it and try again.`);
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}

function normalizeQuote(char: string): string {
  if (char === '\u201c' || char === '\u201d') {
    return '"';
  }
  if (char === '\u2018' || char === '\u2019') {
    return "'";
  }
  return char;
}
