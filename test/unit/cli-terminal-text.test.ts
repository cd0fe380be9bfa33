import { describe, expect, it } from 'vitest';
import { toTerminalText } from '../../src/cli/exec/terminal-text.js';
import { codeBlock, escapeSlackText, inlineCode } from '../../src/format/slack-escape.js';

describe('toTerminalText', () => {
  it.each([
    ['user mention', 'asked by <@U123>', 'asked by @U123'],
    ['user mention with name', '<@U123|ana>', '@U123'],
    ['channel with name', 'in <#C1|general>', 'in #general'],
    ['channel without name', 'in <#C1>', 'in #C1'],
    ['special mention', '<!here> look', '@here look'],
    ['user group', '<!subteam^S1|@ops>', '@ops'],
    ['link with label', '<https://x.test/a|the docs>', 'the docs (https://x.test/a)'],
    ['bare link', '<https://x.test/a>', 'https://x.test/a'],
    ['entities', 'a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['escaped entity text', '&amp;lt;', '&lt;'],
    ['bold', '*Image* abc', 'Image abc'],
    ['italic', 'say _hello there_.', 'say hello there.'],
    ['strike', '~old~ new', 'old new'],
    ['snake_case kept', 'use snake_case_name here', 'use snake_case_name here'],
    ['arithmetic kept', '2 * 3 * 4', '2 * 3 * 4'],
    ['emoji at line start', ':x: Build failed', 'Build failed'],
    ['emoji inside a line', 'Done :white_check_mark: now', 'Done now'],
    ['emoji alone on a line', 'one\n:boom:\ntwo', 'one\n\ntwo'],
    ['time kept', 'at 12:30:45 today', 'at 12:30:45 today'],
    ['image reference kept', 'busybox:latest: done', 'busybox:latest: done'],
  ])('%s', (_name, mrkdwn, expected) => {
    expect(toTerminalText(mrkdwn)).toBe(expected);
  });

  it('inline code loses backticks and keeps content', () => {
    const text = `Built ${inlineCode('api:<dev>')} from ${inlineCode('*not bold*')}.`;

    expect(toTerminalText(text)).toBe('Built api:<dev> from *not bold*.');
  });

  it('code block keeps its lines as sent', () => {
    const output = 'Step 1/2 : FROM busybox\n:x: literal & <tag>\n``` not a fence';
    const text = `*Last 3 lines of output*\n${codeBlock(output)}`;

    expect(toTerminalText(text)).toBe(`Last 3 lines of output\n${output}`);
  });

  it('italic spans inline code', () => {
    const text = `_Only ${inlineCode('terminal')} can confirm or cancel. It expires in 10m._`;

    expect(toTerminalText(text)).toBe('Only terminal can confirm or cancel. It expires in 10m.');
  });

  it('escaped output cannot become a mention', () => {
    const text = escapeSlackText('<!channel> <@U1>');

    expect(toTerminalText(text)).toBe('<!channel> <@U1>');
  });
});
