import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { toCommandText } from '../../src/cli/exec/command-text.js';
import { resolveCommand } from '../../src/dispatch.js';

/** Parses the text as the Slack app does and returns the command name and its positional words. */
function wordsAfterParsing(words: string[]): string[] {
  const { command, args } = resolveCommand(toCommandText(words), commands);
  return [command.name, ...args.positionals];
}

describe('toCommandText', () => {
  it('plain words stay as they are', () => {
    expect(toCommandText(['ps', '-a'])).toBe('ps -a');
  });

  it('one word is the whole text', () => {
    expect(wordsAfterParsing(['run busybox echo "a b"'])).toEqual([
      'run',
      'busybox',
      'echo',
      'a b',
    ]);
  });

  it.each([
    ['spaces', 'two  spaces'],
    ['double quotes', 'say "hi"'],
    ['single quote', "it's"],
    ['smart quotes', 'it’s “quoted”'],
    ['backslash', 'a\\b'],
    ['angle brackets', '<tag> & more'],
    ['entity text', '&lt;'],
    ['newline', 'one\ntwo'],
    ['dollar and star', '$HOME/*'],
    ['empty word', ''],
  ])('%s survive as one word', (_name, word) => {
    expect(wordsAfterParsing(['run', 'busybox', 'echo', word])).toEqual([
      'run',
      'busybox',
      'echo',
      word,
    ]);
  });
});
