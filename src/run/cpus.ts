/** A decimal number of CPUs, such as `1`, `0.5` or `.25`; at most 9 decimals, as nano-CPUs are whole. */
const cpusPattern = /^(\d*)(?:\.(\d{0,9}))?$/;

/**
 * Parses a number of CPUs as `docker run --cpus` takes it into nano-CPUs
 * (1 CPU is 1,000,000,000). The arithmetic is done on the digits, so that
 * `0.3` gives exactly 300,000,000. Returns undefined for text that is not
 * a plain decimal number; range checks are the caller's.
 */
export function parseNanoCpus(text: string): number | undefined {
  const match = cpusPattern.exec(text);
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (match === null || (whole === '' && fraction === '')) {
    return undefined;
  }

  const nanoCpus = Number(whole === '' ? '0' : whole) * 1e9 + Number(fraction.padEnd(9, '0'));
  return Number.isSafeInteger(nanoCpus) ? nanoCpus : undefined;
}

/** Formats nano-CPUs as a decimal number of CPUs without trailing zeros: `1`, `0.5`, `1.25`. */
export function formatCpus(nanoCpus: number): string {
  const whole = Math.floor(nanoCpus / 1e9);
  const fraction = String(nanoCpus % 1e9)
    .padStart(9, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}
