import { describe, expect, it } from 'vitest';
import { formatCpus, parseNanoCpus } from '../../src/run/cpus.js';
import { formatMemorySize, parseMemorySize } from '../../src/run/memory-size.js';

const kibibyte = 1024;
const mebibyte = 1024 ** 2;
const gibibyte = 1024 ** 3;

describe('parseMemorySize', () => {
  it.each([
    ['0', 0],
    ['100', 100],
    ['100b', 100],
    ['100B', 100],
    ['1k', kibibyte],
    ['1K', kibibyte],
    ['1kb', kibibyte],
    ['1KiB', kibibyte],
    ['512m', 512 * mebibyte],
    ['512 m', 512 * mebibyte],
    ['512mi', 512 * mebibyte],
    ['2g', 2 * gibibyte],
    ['2G', 2 * gibibyte],
    ['0.5g', 512 * mebibyte],
    ['1.5k', 1536],
    ['1t', 1024 * gibibyte],
    ['1.1b', 1],
  ])('%s', (text, bytes) => {
    expect(parseMemorySize(text)).toBe(bytes);
  });

  it.each([
    '',
    'm',
    '-1',
    '1x',
    '1mm',
    '1mbb',
    '1,5g',
    '1.2.3m',
    'one',
    '1e3',
    '.5g',
    ' 1',
    '9999999p',
  ])('"%s" rejected', (text) => {
    expect(parseMemorySize(text)).toBeUndefined();
  });
});

describe('formatMemorySize', () => {
  it.each([
    [512 * mebibyte, '512m'],
    [2 * gibibyte, '2g'],
    [1536 * mebibyte, '1536m'],
    [1536, '1536b'],
    [6 * kibibyte, '6k'],
    [1000, '1000b'],
  ])('%d', (bytes, text) => {
    expect(formatMemorySize(bytes)).toBe(text);
  });
});

describe('parseNanoCpus', () => {
  it.each([
    ['1', 1_000_000_000],
    ['2', 2_000_000_000],
    ['0.5', 500_000_000],
    ['.5', 500_000_000],
    ['5.', 5_000_000_000],
    ['0.3', 300_000_000],
    ['0.000000001', 1],
    ['0', 0],
    ['16', 16_000_000_000],
  ])('%s', (text, nanoCpus) => {
    expect(parseNanoCpus(text)).toBe(nanoCpus);
  });

  it.each(['', '.', '-1', '1/2', '1e9', 'one', '1.2.3', '0.0000000001', '1,5', '+1', ' 1'])(
    '"%s" rejected',
    (text) => {
      expect(parseNanoCpus(text)).toBeUndefined();
    },
  );
});

describe('formatCpus', () => {
  it.each([
    [1_000_000_000, '1'],
    [500_000_000, '0.5'],
    [1_250_000_000, '1.25'],
    [1, '0.000000001'],
  ])('%d', (nanoCpus, text) => {
    expect(formatCpus(nanoCpus)).toBe(text);
  });
});
