import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../src/command.js';
import { splitReference } from '../../src/docker/build-image.js';
import { shortId, toImageName } from '../../src/docker/image-name.js';
import { UsageError } from '../../src/errors.js';
import { formatBytes } from '../../src/format/bytes.js';
import { formatAge, formatDuration, parseDuration } from '../../src/format/duration.js';
import { codeBlock, escapeSlackText, inlineCode } from '../../src/format/slack-escape.js';
import { renderTable } from '../../src/format/table.js';
import { formatUsage } from '../../src/format/usage.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['10m', 600_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1s500ms', 1_500],
    ['0s', 0],
  ])('%s', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });

  it.each(['', 'abc', '90', '1.5h', '5d', ' 5s', '5s ', '5S', '-5s', '1m30', 'h'])(
    '"%s" raises UsageError',
    (text) => {
      expect(() => parseDuration(text)).toThrow(UsageError);
      expect(() => parseDuration(text)).toThrow('is not a valid duration');
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [42_000, '42s'],
    [59_499, '59s'],
    [59_500, '1m 00s'],
    [185_000, '3m 05s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h 00m'],
    [7_800_000, '2h 10m'],
  ])('%i ms', (milliseconds, expected) => {
    expect(formatDuration(milliseconds)).toBe(expected);
  });
});

describe('formatAge', () => {
  const now = new Date('2024-06-01T12:00:00Z');
  const day = 86_400;

  it.each([
    [0, 'less than a minute ago'],
    [59, 'less than a minute ago'],
    [60, '1 minute ago'],
    [150, '2 minutes ago'],
    [3_600, '1 hour ago'],
    [7_200, '2 hours ago'],
    [day, '1 day ago'],
    [6 * day, '6 days ago'],
    [7 * day, '1 week ago'],
    [29 * day, '4 weeks ago'],
    [30 * day, '1 month ago'],
    [364 * day, '12 months ago'],
    [365 * day, '1 year ago'],
    [800 * day, '2 years ago'],
  ])('%i seconds old', (seconds, expected) => {
    const createdAt = new Date(now.getTime() - seconds * 1_000);

    expect(formatAge(createdAt, now)).toBe(expected);
  });

  it('future date is under a minute', () => {
    const createdAt = new Date(now.getTime() + 3_600_000);

    expect(formatAge(createdAt, now)).toBe('less than a minute ago');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1_000, '1.00kB'],
    [1_500, '1.50kB'],
    [12_345, '12.3kB'],
    [123_456, '123kB'],
    [4_500_000, '4.50MB'],
    [1_200_000_000, '1.20GB'],
    [2_000_000_000_000, '2.00TB'],
    [5_000_000_000_000_000, '5000TB'],
  ])('%i bytes', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('999999 bytes as 1.00MB', () => {
    expect(formatBytes(999_999)).toBe('1.00MB');
  });

  it('99999 bytes as 100kB', () => {
    expect(formatBytes(99_999)).toBe('100kB');
  });
});

describe('renderTable', () => {
  it('pads columns to widest cell', () => {
    const table = renderTable(
      ['NAME', 'ID'],
      [
        ['web', 'abc123'],
        ['database', 'f0'],
      ],
    );

    expect(table.split('\n')).toEqual(['NAME       ID', 'web        abc123', 'database   f0']);
  });

  it('trims trailing padding', () => {
    const table = renderTable(['A', 'LONG HEADER'], [['x', 'y']]);

    expect(table.split('\n')).toEqual(['A   LONG HEADER', 'x   y']);
  });

  it('headers only without rows', () => {
    expect(renderTable(['A', 'B'], [])).toBe('A   B');
  });
});

describe('escapeSlackText', () => {
  it.each([
    ['channel mention', '<!channel>', '&lt;!channel&gt;'],
    ['user mention', '<@U1>', '&lt;@U1&gt;'],
    ['link', '<https://x|y>', '&lt;https://x|y&gt;'],
    ['ampersand first', '&lt;', '&amp;lt;'],
    ['plain text', 'build ok', 'build ok'],
  ])('%s', (_case, text, expected) => {
    expect(escapeSlackText(text)).toBe(expected);
  });
});

describe('codeBlock', () => {
  it('wraps text in fences', () => {
    expect(codeBlock('a\nb')).toBe('```\na\nb\n```');
  });

  it('escapes mentions inside', () => {
    expect(codeBlock('<!here>')).toBe('```\n&lt;!here&gt;\n```');
  });

  it.each(['```', 'x ``` y', '``````'])('fence %j cannot close block', (text) => {
    const body = codeBlock(text).slice(4, -4);

    expect(body).not.toContain('```');
  });

  it('five backticks cannot close block', () => {
    const body = codeBlock('`````').slice(4, -4);

    expect(body).not.toContain('```');
  });
});

describe('inlineCode', () => {
  it.each([
    ['plain name', 'web', '`web`'],
    ['backtick replaced', 'a`b', "`a'b`"],
    ['mention escaped', '<!here>', '`&lt;!here&gt;`'],
  ])('%s', (_case, text, expected) => {
    expect(inlineCode(text)).toBe(expected);
  });
});

describe('formatUsage', () => {
  const base: CommandDefinition = {
    name: 'demo',
    usage: '[OPTIONS] NAME',
    summary: 'Run a demo.',
    flags: [],
    checkArguments: () => undefined,
    destructive: false,
    output: 'ephemeral',
    run: () => Promise.resolve('succeeded'),
  };

  it('command without flags', () => {
    expect(formatUsage({ ...base, usage: '' })).toBe('Usage: /docker demo\n\nRun a demo.');
  });

  it('command with flags', () => {
    const command: CommandDefinition = {
      ...base,
      flags: [
        { long: 'all', short: 'a', description: 'Show all.' },
        { long: 'tag', valueName: 'NAME', description: 'Tag the image.' },
      ],
    };

    expect(formatUsage(command).split('\n')).toEqual([
      'Usage: /docker demo [OPTIONS] NAME',
      '',
      'Run a demo.',
      '',
      'Options:',
      '  -a, --all        Show all.',
      '      --tag NAME   Tag the image.',
    ]);
  });
});

describe('toImageName', () => {
  it.each([
    ['My_Repo', 'my_repo'],
    ['--x--', 'x'],
    ['...', 'image'],
    ['', 'image'],
    ['Hello World!', 'hello-world'],
    ['a__b', 'a-b'],
    ['a.-b', 'a-b'],
    ['api.v2', 'api.v2'],
    ['ünïcode', 'n-code'],
  ])('%j', (repoName, expected) => {
    expect(toImageName(repoName)).toBe(expected);
  });

  it('long name is cut to 128', () => {
    expect(toImageName('a'.repeat(300))).toBe('a'.repeat(128));
  });

  it('cut name ends alphanumeric', () => {
    expect(toImageName('a'.repeat(127) + '-b')).toMatch(/[a-z0-9]$/);
  });
});

describe('shortId', () => {
  it.each([
    ['sha256:0123456789abcdef0123', '0123456789ab'],
    ['0123456789abcdef0123', '0123456789ab'],
    ['abc', 'abc'],
  ])('%s', (id, expected) => {
    expect(shortId(id)).toBe(expected);
  });
});

describe('splitReference', () => {
  it.each([
    ['registry:5000/a/b:tag', 'registry:5000/a/b', 'tag'],
    ['registry:5000/a/b', 'registry:5000/a/b', 'latest'],
    ['name', 'name', 'latest'],
    ['name:0123abcd', 'name', '0123abcd'],
  ])('%s', (reference, repo, tag) => {
    expect(splitReference(reference)).toEqual({ repo, tag });
  });
});
