/** Bytes per unit letter. As in the Docker CLI, units are binary: 1k is 1,024 bytes. */
const unitBytes: Record<string, number> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/**
 * The grammar of RAMInBytes in github.com/docker/go-units, which the Docker
 * CLI uses for `--memory`: a number, an optional space, an optional unit
 * letter, an optional `i` and an optional `b`, in any case (`512m`, `1.5g`,
 * `64MiB`, `100000b`).
 */
const memoryPattern = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;

/** The smallest memory limit the Docker daemon accepts: "Minimum memory limit allowed is 6MB". */
export const minMemoryBytes = 6 * 1024 ** 2;

/**
 * Parses a memory size such as `512m` or `2g` into bytes, rounding down to a
 * whole byte as the Docker CLI does. Returns undefined when the text does
 * not follow the grammar; range checks are the caller's.
 */
export function parseMemorySize(text: string): number | undefined {
  const match = memoryPattern.exec(text);
  if (match === null) {
    return undefined;
  }

  const amount = Number(match[1]);
  const multiplier = unitBytes[(match[2] ?? '').toLowerCase()] ?? 1;
  const bytes = Math.floor(amount * multiplier);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/**
 * Formats bytes in the form `--memory` takes, with the largest unit that
 * divides them exactly: `512m`, `2g`, `1536k`, `1000b`.
 */
export function formatMemorySize(bytes: number): string {
  for (const unit of ['p', 't', 'g', 'm', 'k']) {
    const size = unitBytes[unit] ?? 1;
    if (bytes >= size && bytes % size === 0) {
      return `${bytes / size}${unit}`;
    }
  }
  return `${bytes}b`;
}
