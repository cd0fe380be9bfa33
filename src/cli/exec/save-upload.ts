import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportFile } from '../../reporter.js';
import type { SavedFile } from './exec-renderer.js';

/**
 * Writes a file a command attached (in Slack, a file in the thread) into
 * `directory`, creating it when needed. The name starts with the local
 * time, as in `20250102-150405-api-build.log`, so that files sort by time.
 * A clash within the same second adds `-2`, `-3` and so on, so no run
 * overwrites another's file.
 */
export async function saveUpload(
  file: ReportFile,
  directory: string,
  options: { cwd: string; now: Date },
): Promise<SavedFile> {
  const folder = path.resolve(options.cwd, directory);
  await mkdir(folder, { recursive: true });

  const name = `${timestamp(options.now)}-${safeFilename(file.filename)}`;
  const extension = path.extname(name);
  const stem = name.slice(0, name.length - extension.length);

  for (let attempt = 1; ; attempt += 1) {
    const candidate = path.join(folder, attempt === 1 ? name : `${stem}-${attempt}${extension}`);
    try {
      // 'wx' fails when the file exists, so an earlier file is never replaced.
      await writeFile(candidate, file.content, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        continue;
      }
      throw error;
    }
    return {
      filename: path.basename(candidate),
      title: file.title,
      path: displayPath(candidate, options.cwd),
      bytes: Buffer.byteLength(file.content),
    };
  }
}

/** Keeps letters, digits, dots, dashes and underscores of the last path part; never empty. */
export function safeFilename(filename: string): string {
  const base = path.basename(filename).replace(/[^A-Za-z0-9._-]/g, '_');
  return base === '' || /^\.+$/.test(base) ? 'attachment.txt' : base;
}

function timestamp(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : `.${path.sep}${relative}`;
}
