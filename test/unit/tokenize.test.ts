import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { tokenize } from '../../src/parser/tokenize.js';

describe('tokenize', () => {
  it.each([
    ['plain words', 'a b c', ['a', 'b', 'c']],
    ['repeated spaces', '  a   b  ', ['a', 'b']],
    ['tab and newline separators', 'a\tb\nc\r\nd', ['a', 'b', 'c', 'd']],
    ['empty text', '', []],
    ['only whitespace', ' \t\n', []],
    ['single quotes', "'a b'", ['a b']],
    ['double quotes', '"a b"', ['a b']],
    ['quotes joined to a word', `a'b c'"d"`, ['ab cd']],
    ['empty single quotes', "''", ['']],
    ['empty double quotes', '""', ['']],
    ['empty quotes between words', "a '' b", ['a', '', 'b']],
    ['escaped double quote in double quotes', '"a \\"b\\""', ['a "b"']],
    ['escaped backslash in double quotes', '"a\\\\b"', ['a\\b']],
    ['other backslash in double quotes', '"a\\nb"', ['a\\nb']],
    ['backslash in single quotes', "'a\\'", ['a\\']],
    ['double quote in single quotes', `'say "hi"'`, ['say "hi"']],
    ['single quote in double quotes', `"it's"`, ["it's"]],
    ['escaped space outside quotes', 'a\\ b', ['a b']],
    ['escaped quote outside quotes', '\\"a', ['"a']],
    ['escaped backslash outside quotes', 'a\\\\b', ['a\\b']],
    ['trailing backslash', 'a\\', ['a\\']],
    ['smart double quotes', '\u201ca b\u201d', ['a b']],
    ['smart single quotes', '\u2018a b\u2019', ['a b']],
    ['smart and plain quotes mixed', '\u201ca b"', ['a b']],
    ['no expansion of $()', 'build $(id)', ['build', '$(id)']],
    ['no splitting on semicolon', 'ps;rm', ['ps;rm']],
  ])('%s', (_case, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  it.each([
    ['single quote', "build 'abc", "unclosed ' quote"],
    ['double quote', 'build "abc', 'unclosed " quote'],
    ['smart double quote', 'build \u201cabc', 'unclosed " quote'],
    ['smart apostrophe', 'it\u2019s', "unclosed ' quote"],
    ['escaped closing quote', '"abc\\"', 'unclosed " quote'],
  ])('unclosed %s raises UsageError', (_case, text, message) => {
    expect(() => tokenize(text)).toThrow(UsageError);
    expect(() => tokenize(text)).toThrow(message);
  });
});
