import { describe, expect, it } from 'vitest';
import { BuildProgress } from '../../src/build/build-progress.js';
import { truncateText } from '../../src/format/truncate.js';

function feed(lines: readonly string[], progress = new BuildProgress()): BuildProgress {
  for (const line of lines) {
    progress.onLine(line);
  }
  return progress;
}

const singleStageOutput = [
  'Step 1/3 : FROM node:20-alpine',
  ' ---> 1a2b3c4d5e6f',
  'Step 2/3 : RUN npm ci',
  ' ---> Running in 0f9e8d7c6b5a',
  'added 120 packages in 3s',
  'Removing intermediate container 0f9e8d7c6b5a',
  ' ---> 5d6e7f8a9b0c',
];

const multiStageOutput = [
  'Step 1/7 : FROM node:20 AS build',
  ' ---> 1a2b3c4d5e6f',
  'Step 2/7 : WORKDIR /app',
  ' ---> Running in 2b3c4d5e6f7a',
  'Step 3/7 : COPY . .',
  'Step 4/7 : RUN npm run build',
  ' ---> Running in 3c4d5e6f7a8b',
  'Step 5/7 : FROM nginx:alpine',
  ' ---> 4d5e6f7a8b9c',
  'Step 6/7 : COPY --from=build /app/dist /usr/share/nginx/html',
  ' ---> Running in 5e6f7a8b9c0d',
];

describe('BuildProgress steps', () => {
  it('starts with no step', () => {
    const progress = new BuildProgress();

    expect(progress.step).toBe(0);
    expect(progress.totalSteps).toBe(0);
    expect(progress.instruction).toBe('');
    expect(progress.failingStep()).toBeUndefined();
  });

  it('tracks single-stage steps', () => {
    const progress = feed(singleStageOutput);

    expect(progress.step).toBe(2);
    expect(progress.totalSteps).toBe(3);
    expect(progress.instruction).toBe('RUN npm ci');
  });

  it('tracks multi-stage global numbering', () => {
    const progress = feed(multiStageOutput);

    expect(progress.step).toBe(6);
    expect(progress.totalSteps).toBe(7);
    expect(progress.instruction).toBe('COPY --from=build /app/dist /usr/share/nginx/html');
  });

  it('reports failing step header', () => {
    const progress = feed([...singleStageOutput, 'npm ERR! missing script: build']);

    expect(progress.failingStep()).toBe('Step 2/3 : RUN npm ci');
  });

  it('keeps step after success lines', () => {
    const progress = feed([
      ...singleStageOutput,
      'Step 3/3 : CMD ["node", "server.js"]',
      'Successfully built 5d6e7f8a9b0c',
      'Successfully tagged acme/api:main',
    ]);

    expect(progress.step).toBe(3);
    expect(progress.instruction).toBe('CMD ["node", "server.js"]');
  });

  it('parses step with ANSI color', () => {
    const progress = feed(['\u001b[1mStep 4/9 : RUN npm ci\u001b[0m']);

    expect(progress.step).toBe(4);
    expect(progress.instruction).toBe('RUN npm ci');
  });

  it.each([
    ['step above total', 'Step 5/3 : RUN x'],
    ['step zero', 'Step 0/3 : RUN x'],
    ['total zero', 'Step 0/0 : RUN x'],
    ['missing spaces', 'Step 1/3: RUN x'],
    ['indented header', '  Step 1/3 : RUN x'],
  ])('ignores %s', (_case, line) => {
    const progress = feed([line]);

    expect(progress.step).toBe(0);
  });

  it('truncates long instruction', () => {
    const progress = feed([`Step 1/1 : RUN echo ${'a'.repeat(200)}`]);

    expect(progress.instruction).toHaveLength(80);
    expect(progress.instruction.endsWith('…')).toBe(true);
  });

  it('keeps long instruction in failing step', () => {
    const instruction = `RUN echo ${'a'.repeat(200)}`;
    const progress = feed([`Step 1/1 : ${instruction}`]);

    expect(progress.failingStep()).toBe(`Step 1/1 : ${instruction}`);
  });
});

describe('BuildProgress lines', () => {
  it('counts every line', () => {
    const progress = feed(Array.from({ length: 100 }, (_, index) => `line ${index}`));

    expect(progress.lineCount).toBe(100);
  });

  it('keeps last 30 lines by default', () => {
    const progress = feed(Array.from({ length: 100 }, (_, index) => `line ${index}`));

    expect(progress.tail()).toHaveLength(30);
    expect(progress.tail()[0]).toBe('line 70');
    expect(progress.tail().at(-1)).toBe('line 99');
  });

  it('returns tail oldest first', () => {
    const progress = feed(['a', 'b', 'c', 'd', 'e'], new BuildProgress({ maxLines: 3 }));

    expect(progress.tail()).toEqual(['c', 'd', 'e']);
    expect(progress.tail(2)).toEqual(['d', 'e']);
  });

  it.each([
    ['zero', 0, []],
    ['negative', -1, []],
    ['more than kept', 10, ['a', 'b']],
    ['fraction', 1.5, ['b']],
  ])('tail of %s count', (_case, count, expected) => {
    const progress = feed(['a', 'b']);

    expect(progress.tail(count)).toEqual(expected);
  });

  it('truncates 100,000-character line', () => {
    const progress = feed(['x'.repeat(100_000)]);
    const [kept] = progress.tail();

    expect(kept).toHaveLength(1_000);
    expect(kept?.endsWith('…')).toBe(true);
    expect(progress.lineCount).toBe(1);
  });

  it('keeps short line unchanged', () => {
    const progress = feed(['x'.repeat(1_000)]);

    expect(progress.tail()[0]).toBe('x'.repeat(1_000));
  });

  it.each([
    ['color codes', '\u001b[31merror\u001b[0m: failed', 'error: failed'],
    ['cursor movement', '\u001b[2K\u001b[1Gdone', 'done'],
    ['window title', '\u001b]0;title\u0007text', 'text'],
    ['carriage return updates', 'fetch 10%\rfetch 50%\rfetch 100%', 'fetch 100%'],
    ['trailing carriage return', 'Windows line\r', 'Windows line'],
    ['escape after carriage return', 'old\rnew\r\u001b[0m', 'new'],
    ['bell and backspace', 'a\u0007b\u0008c', 'abc'],
    ['tab', 'a\tb', 'a\tb'],
  ])('strips %s', (_case, line, expected) => {
    const progress = feed([line]);

    expect(progress.tail()).toEqual([expected]);
  });

  it('splits embedded newlines', () => {
    const progress = feed(['Step 1/2 : FROM alpine\n ---> 1a2b3c\n']);

    expect(progress.tail()).toEqual(['Step 1/2 : FROM alpine', ' ---> 1a2b3c']);
    expect(progress.lineCount).toBe(2);
    expect(progress.step).toBe(1);
  });

  it('keeps empty line', () => {
    const progress = feed(['']);

    expect(progress.tail()).toEqual(['']);
  });

  it.each([
    ['maxLines', { maxLines: 0 }],
    ['maxLineLength', { maxLineLength: 1.5 }],
    ['maxInstructionLength', { maxInstructionLength: -1 }],
  ])('rejects invalid %s', (_case, options) => {
    expect(() => new BuildProgress(options)).toThrow(RangeError);
  });
});

describe('truncateText', () => {
  it.each([
    ['short text', 'abc', 5, 'abc'],
    ['exact length', 'abcde', 5, 'abcde'],
    ['long text', 'abcdef', 5, 'abcd…'],
    ['surrogate pair at cut', 'abc😀def', 5, 'abc…'],
    ['length one', 'abc', 1, '…'],
  ])('%s', (_case, text, maxLength, expected) => {
    expect(truncateText(text, maxLength)).toBe(expected);
  });
});
