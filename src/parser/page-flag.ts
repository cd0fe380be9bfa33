import { UsageError } from '../errors.js';
import { flagValue, type FlagSpec, type ParsedArgs } from './parse-args.js';

/** `--page N` for listings that are longer than one message. */
export const pageFlag: FlagSpec = {
  long: 'page',
  valueName: 'N',
  description:
    'Show page N of a long listing (default 1); the listing says how many pages there are.',
};

/** Reads `--page`: a whole number from 1, or 1 when the flag is absent. */
export function readPage(args: ParsedArgs): number {
  const text = flagValue(args, 'page');
  if (text === undefined) {
    return 1;
  }
  const page = Number(text);
  if (!/^\d{1,6}$/.test(text) || page < 1) {
    throw new UsageError(`The flag --page takes a page number from 1, not "${text}".`);
  }
  return page;
}
