import type { CheckResult, Verdict } from './check-result.js';

const separator = '  ';
const verdictLabels: Record<Verdict, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL' };

/**
 * Renders the doctor's results as a table of check, result and detail,
 * with each fix on its own line under the detail, wrapped to `width`
 * columns, and a closing summary line.
 */
export function renderChecks(results: readonly CheckResult[], width: number): string {
  const nameWidth = Math.max('CHECK'.length, ...results.map((result) => result.name.length));
  const verdictWidth = 'RESULT'.length;
  const indent = ' '.repeat(nameWidth + verdictWidth + separator.length * 2);
  const textWidth = Math.max(30, width - indent.length);

  const lines = [
    ['CHECK'.padEnd(nameWidth), 'RESULT'.padEnd(verdictWidth), 'DETAIL'].join(separator),
  ];
  for (const result of results) {
    const detail = wrap(result.detail, textWidth);
    const fix = result.fix === undefined ? [] : wrap(`Fix: ${result.fix}`, textWidth);
    const [first = '', ...rest] = [...detail, ...fix];
    lines.push(
      [
        result.name.padEnd(nameWidth),
        verdictLabels[result.verdict].padEnd(verdictWidth),
        first,
      ].join(separator),
      ...rest.map((line) => `${indent}${line}`),
    );
  }

  lines.push('', summarize(results));
  return lines.join('\n');
}

/** Returns one sentence on the whole: ready, ready with warnings, or how many checks failed. */
export function summarize(results: readonly CheckResult[]): string {
  const failed = results.filter((result) => result.verdict === 'fail').length;
  const warned = results.filter((result) => result.verdict === 'warn').length;
  if (failed > 0) {
    const warnings = warned === 0 ? '' : ` and ${count(warned, 'warning')}`;
    return `${count(failed, 'check')} failed${warnings}. Apply the fixes above, then run slashdock doctor again.`;
  }
  if (warned > 0) {
    return `No check failed, with ${count(warned, 'warning')}. Slashdock can run; read the fixes above.`;
  }
  return 'Every check passed.';
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

/** Wraps text at spaces to lines of at most `width` characters; longer words get a line of their own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line === '') {
      line = word;
    } else if (line.length + 1 + word.length <= width) {
      line = `${line} ${word}`;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) {
    lines.push(line);
  }
  return lines;
}
