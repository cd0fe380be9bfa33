import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Adds up the sizes of the regular files below a folder, without following symlinks. */
export async function folderSize(folder: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    // The folder may not exist yet, or be removed while git works.
    return 0;
  }
  for (const entry of entries) {
    const entryPath = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      total += await folderSize(entryPath);
    } else if (entry.isFile()) {
      total += (await lstat(entryPath).catch(() => undefined))?.size ?? 0;
    }
  }
  return total;
}

/**
 * Checks a folder's size every `intervalMs` and calls `onExceeded` once
 * when it passes `maxBytes`. Returns a function that stops watching.
 */
export function watchFolderSize(
  folder: string,
  maxBytes: number,
  onExceeded: (bytes: number) => void,
  intervalMs = 1_000,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const check = async (): Promise<void> => {
    const bytes = await folderSize(folder);
    if (stopped) {
      return;
    }
    if (bytes > maxBytes) {
      stopped = true;
      onExceeded(bytes);
      return;
    }
    timer = setTimeout(() => void check(), intervalMs);
  };
  timer = setTimeout(() => void check(), intervalMs);

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
