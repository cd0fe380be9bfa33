import { describe, expect, it } from 'vitest';
import type { TerminalStream } from '../../src/cli/exec/exec-renderer.js';
import { JsonRenderer } from '../../src/cli/exec/json-renderer.js';
import { LineRenderer, toStatusLine } from '../../src/cli/exec/line-renderer.js';
import { cutToWidth, TtyRenderer } from '../../src/cli/exec/tty-renderer.js';

class CapturedStream implements TerminalStream {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
  ) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

const buildStatus = (elapsed: string, step: string): string =>
  `:hammer_and_wrench: Building \`repo\` for <@U1> · ${elapsed}\nStep ${step}: \`RUN make\`\n▓▓░░ 50%`;

describe('LineRenderer', () => {
  it('prints a status once per change', () => {
    const stdout = new CapturedStream();
    const renderer = new LineRenderer(stdout, new CapturedStream());

    renderer.status(buildStatus('2s', '2/4'), 'Press Ctrl-C to cancel the build.');
    renderer.status(buildStatus('4s', '2/4'), 'Press Ctrl-C to cancel the build.');
    renderer.status(buildStatus('1m 05s', '3/4'), 'Press Ctrl-C to cancel the build.');

    expect(stdout.text).toBe(
      [
        'Building repo for @U1 · 2s · Step 2/4: RUN make · ▓▓░░ 50%',
        'Press Ctrl-C to cancel the build.',
        'Building repo for @U1 · 1m 05s · Step 3/4: RUN make · ▓▓░░ 50%',
        '',
      ].join('\n'),
    );
  });

  it('writes failures to stderr', () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    const renderer = new LineRenderer(stdout, stderr);

    renderer.done(':white_check_mark: *Built* `x`');
    renderer.fail(':x: Build of `x` failed');
    renderer.reject('Unknown command "x".', 'Commands: build.');

    expect(stdout.text).toBe('Built x\n');
    expect(stderr.text).toBe('Build of x failed\nUnknown command "x".\n\nCommands: build.\n');
  });

  it('joins status lines', () => {
    expect(toStatusLine('one\n\n  two  \nthree')).toBe('one · two · three');
  });
});

describe('TtyRenderer', () => {
  it('rewrites the status block in place', () => {
    const stdout = new CapturedStream(true, 40);
    const renderer = new TtyRenderer(stdout, new CapturedStream(true, 40));

    renderer.status('first\nsecond', 'hint');
    renderer.status('third', undefined);

    expect(stdout.text).toBe('first\nsecond\nhint\u001b[2A\r\u001b[Jthird');
  });

  it('prints a reply above the status', () => {
    const stdout = new CapturedStream(true, 40);
    const renderer = new TtyRenderer(stdout, new CapturedStream(true, 40));

    renderer.status('working', undefined);
    renderer.reply('Cloned `repo`.');
    renderer.done('finished');

    expect(stdout.text).toBe('working\r\u001b[JCloned repo.\nworking\r\u001b[Jfinished\n');
  });

  it('cuts lines to the terminal width', () => {
    const stdout = new CapturedStream(true, 21);
    const renderer = new TtyRenderer(stdout, new CapturedStream(true, 21));

    renderer.status('a'.repeat(30), undefined);

    expect(stdout.text).toBe(`${'a'.repeat(19)}…`);
  });

  it('keeps the status uncut before a prompt', () => {
    const stdout = new CapturedStream(true, 21);
    const renderer = new TtyRenderer(stdout, new CapturedStream(true, 21));

    renderer.status('q'.repeat(30), undefined);
    renderer.keepStatus();

    expect(stdout.text).toBe(`${'q'.repeat(19)}…\r\u001b[J${'q'.repeat(30)}\n`);
  });

  it('cuts by code point', () => {
    expect(cutToWidth('▓▓▓▓▓', 3)).toBe('▓▓…');
    expect(cutToWidth('▓▓▓', 3)).toBe('▓▓▓');
  });
});

describe('JsonRenderer', () => {
  it('writes one object per event', () => {
    const stdout = new CapturedStream();
    const renderer = new JsonRenderer(stdout, new CapturedStream(), () => new Date(0));

    renderer.status(':arrow_down: Cloning `x`', 'Press Ctrl-C to cancel the build.');
    renderer.upload({ filename: 'a.log', title: 'Full build log', path: './a.log', bytes: 3 });
    renderer.result({ command: undefined, outcome: 'rejected', exitCode: 2 });

    const events = stdout.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(events).toEqual([
      {
        event: 'status',
        time: '1970-01-01T00:00:00.000Z',
        text: 'Cloning x',
        mrkdwn: ':arrow_down: Cloning `x`',
        hint: 'Press Ctrl-C to cancel the build.',
      },
      {
        event: 'upload',
        time: '1970-01-01T00:00:00.000Z',
        filename: 'a.log',
        title: 'Full build log',
        path: './a.log',
        bytes: 3,
      },
      {
        event: 'result',
        time: '1970-01-01T00:00:00.000Z',
        command: null,
        outcome: 'rejected',
        exitCode: 2,
      },
    ]);
  });

  it('marks a rejection', () => {
    const stdout = new CapturedStream();
    new JsonRenderer(stdout, new CapturedStream(), () => new Date(0)).reject('bad', 'usage');

    expect(JSON.parse(stdout.text)).toMatchObject({
      event: 'fail',
      text: 'bad',
      rejected: true,
      usage: 'usage',
    });
  });

  it('sends notices to stderr', () => {
    const stdout = new CapturedStream();
    const stderr = new CapturedStream();
    new JsonRenderer(stdout, stderr).notice('Cancelling the build.');

    expect(stdout.text).toBe('');
    expect(stderr.text).toBe('Cancelling the build.\n');
  });
});
