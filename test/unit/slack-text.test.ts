import { describe, expect, it } from 'vitest';
import { unescapeSlackText } from '../../src/parser/slack-text.js';

describe('unescapeSlackText', () => {
  it.each([
    ['link with label', '<https://x|label>', 'https://x'],
    ['link without label', '<https://x>', 'https://x'],
    ['ampersand entity', 'a &amp; b', 'a & b'],
    ['less-than entity', '&lt;script', '<script'],
    ['greater-than entity', 'a &gt; b', 'a > b'],
    ['escaped entity text', '&amp;lt;', '&lt;'],
    ['user mention', '<@U123>', '@U123'],
    ['user mention with name', '<@U123|name>', '@U123'],
    ['channel with name', '<#C1|general>', '#C1'],
    ['special mention keyword', '<!here>', 'here'],
    ['special mention label', '<!subteam^S1|@team>', '@team'],
    [
      'scp-like URL linked as mailto',
      '<mailto:git@github.com|git@github.com>:org/repo.git',
      'git@github.com:org/repo.git',
    ],
    [
      'bare host linked as http',
      '<http://github.com/acme/api|github.com/acme/api>',
      'github.com/acme/api',
    ],
    [
      'bare host linked with trailing slash',
      '<http://github.com/acme/api/|github.com/acme/api>',
      'github.com/acme/api',
    ],
    ['entity inside link', '<https://x/?a=1&amp;b=2>', 'https://x/?a=1&b=2'],
    ['plain text', 'build https://x', 'build https://x'],
    ['empty text', '', ''],
  ])('%s', (_case, input, expected) => {
    expect(unescapeSlackText(input)).toBe(expected);
  });

  it('keeps link target when label differs', () => {
    const text = '<https://example.invalid/a|github.com/acme/api>';

    expect(unescapeSlackText(text)).toBe('https://example.invalid/a');
  });

  it('keeps mailto target when label differs', () => {
    expect(unescapeSlackText('<mailto:a@b.example|c@d.example>')).toBe('mailto:a@b.example');
  });

  it('unwraps several references in one text', () => {
    const text = 'build <https://x> for <@U1> in <#C2|ops>';

    expect(unescapeSlackText(text)).toBe('build https://x for @U1 in #C2');
  });
});
