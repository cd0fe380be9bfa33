import { SlashdockError, UsageError } from '../errors.js';
import { shortId } from './image-name.js';

/** How many matches an ambiguous-prefix message lists; the rest are counted. */
export const maxListedMatches = 10;

/** A match to list when a query is ambiguous: its ID and a name, tag or state to tell it apart. */
export interface ListedMatch {
  id: string;
  detail: string;
}

/**
 * Reads a query as an ID prefix: hex digits, optionally after `sha256:`,
 * in either case. Returns the lower-case digits, or undefined when the query
 * is not an ID prefix. Any length from one digit counts, as for the Docker
 * CLI, because the confirmation step shows the full name before anything
 * changes.
 */
export function idPrefixOf(query: string): string | undefined {
  const digits = query.startsWith('sha256:') ? query.slice('sha256:'.length) : query;
  return /^[0-9a-fA-F]{1,64}$/.test(digits) ? digits.toLowerCase() : undefined;
}

/** Checks whether a query names a full 64-digit ID, with or without `sha256:`. */
export function isFullId(query: string): boolean {
  return idPrefixOf(query)?.length === 64;
}

/** Creates the error for an empty name, which quotes in Slack can produce: `/docker rm ""`. */
export function emptyQueryError(kind: 'container' | 'image'): UsageError {
  return new UsageError(`The ${kind} name or ID is empty. Give a name, an ID or an ID prefix.`);
}

/** Creates the error for a query that matches nothing, naming the listing that shows what exists. */
export function notFoundError(
  kind: 'container' | 'image',
  query: string,
  listCommand: string,
): SlashdockError {
  return new SlashdockError(
    'not_found',
    `No such ${kind}: "${quote(query)}". Run ${listCommand} to see every ${kind} on the daemon.`,
  );
}

/**
 * Creates the error for an ID prefix shared by several objects, listing
 * some of them. Like every error message, it is plain text that the reporter
 * escapes, so names are not escaped here.
 */
export function ambiguousError(
  kind: 'container' | 'image',
  query: string,
  matches: readonly ListedMatch[],
): SlashdockError {
  const listed = matches
    .slice(0, maxListedMatches)
    .map((match) => `• \`${shortId(match.id)}\` ${match.detail}`);
  const unlisted = matches.length - listed.length;
  if (unlisted > 0) {
    listed.push(`• … and ${unlisted} more`);
  }
  const hint =
    kind === 'container'
      ? 'Give more digits of the ID, or the container name.'
      : 'Give more digits of the ID, or the image tag.';
  return new SlashdockError(
    'ambiguous',
    `"${quote(query)}" matches ${matches.length} ${kind}s:\n${listed.join('\n')}\n${hint}`,
  );
}

function quote(query: string): string {
  return query.length > 80 ? `${query.slice(0, 80)}…` : query;
}
