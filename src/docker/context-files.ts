import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SlashdockError } from '../errors.js';

// This file ports the Docker CLI's handling of .dockerignore. Reading follows
// moby/patternmatcher ignorefile.ReadAll, and matching follows patternmatcher
// v0.6 (New, Pattern.compile and MatchesUsingParentResults). The choice of
// which excluded folders to walk follows filterFS.Walk in tonistiigi/fsutil,
// which sends the build context when BuildKit builds.

/**
 * Reads the text of a .dockerignore file into patterns, as the Docker CLI
 * does: lines starting with `#` are comments, blank lines are skipped,
 * patterns are cleaned like Go's filepath.Clean, and a leading `/` is
 * removed. Exceptions keep their leading `!`.
 */
export function readDockerignorePatterns(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');

  for (const rawLine of lines) {
    // Go's line scanner drops the `\r` of a CRLF line ending.
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;

    // Only a `#` in the first column starts a comment; " # x" is a pattern.
    if (line.startsWith('#')) {
      continue;
    }
    let pattern = line.trim();
    if (pattern === '') {
      continue;
    }

    const exception = pattern.startsWith('!');
    if (exception) {
      pattern = pattern.slice(1).trim();
    }
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) {
        pattern = pattern.slice(1);
      }
    }
    patterns.push(exception ? `!${pattern}` : pattern);
  }
  return patterns;
}

/** Escapes glob characters so that a path can be added as a literal pattern. */
export function escapePattern(literalPath: string): string {
  return literalPath.replace(/[*?[\]\\]/g, '\\$&');
}

/** Cleans a slash-separated path the way Go's filepath.Clean does on Linux. */
function cleanPath(text: string): string {
  const normalized = path.posix.normalize(text);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** One compiled .dockerignore pattern. */
interface Pattern {
  /** Cleaned pattern text without the `!` of an exception. */
  readonly text: string;
  /** Whether the pattern is an exception (`!pattern`), which re-includes what it matches. */
  readonly exception: boolean;
  readonly matches: (relativePath: string) => boolean;
}

/** Result of matching one path against every pattern. */
export interface MatchResult {
  readonly excluded: boolean;
  /** Per pattern, whether it matched the path or one of its folders. The path's children reuse it. */
  readonly matchedPatterns: readonly boolean[];
}

/** Glob characters that make BuildKit walk every excluded folder when an exception contains one. */
const wildcardCharacters = /[*[\]?^\\]/;

/**
 * Decides which paths of a build context `.dockerignore` excludes, with the
 * last matching pattern winning and `!` exceptions re-including paths.
 */
export class DockerignoreMatcher {
  readonly #patterns: readonly Pattern[];
  readonly #exceptionPrefixes: readonly string[];
  readonly #hasWildcardException: boolean;

  /** Compiles the patterns; throws a SlashdockError naming the first invalid one. */
  constructor(patternTexts: readonly string[]) {
    this.#patterns = patternTexts.flatMap((text) => {
      const pattern = compilePattern(text);
      return pattern === undefined ? [] : [pattern];
    });

    const exceptions = this.#patterns.filter((pattern) => pattern.exception);
    const prefixes = exceptions.map((pattern) => withoutTrailingGlob(pattern.text));
    this.#exceptionPrefixes = prefixes;
    this.#hasWildcardException = prefixes.some((prefix) => wildcardCharacters.test(prefix));
  }

  /** Matched patterns of the context root: none, so its children start from a clean state. */
  get rootMatchedPatterns(): readonly boolean[] {
    return this.#patterns.map(() => false);
  }

  /**
   * Matches a path, reusing its folder's result: a pattern that matched a
   * folder also matches everything inside it. Ports
   * MatchesUsingParentResults, including its shortcut of skipping patterns
   * that cannot change the outcome at that point.
   */
  match(relativePath: string, folderMatchedPatterns: readonly boolean[]): MatchResult {
    let excluded = false;
    const matchedPatterns = this.#patterns.map(() => false);

    this.#patterns.forEach((pattern, index) => {
      let matched = folderMatchedPatterns[index] ?? false;
      if (!matched) {
        // Skipped patterns stay unmatched for the children too, as in moby.
        if (pattern.exception !== excluded) {
          return;
        }
        matched = pattern.matches(relativePath);
      }
      matchedPatterns[index] = matched;
      if (matched) {
        excluded = !pattern.exception;
      }
    });

    return { excluded, matchedPatterns };
  }

  /**
   * Returns whether an excluded folder must still be walked because an
   * exception may re-include something inside it. As in BuildKit, an
   * exception with a glob character forces the walk of every excluded
   * folder, because it may match at any depth. Otherwise only an exception
   * whose path lies under the folder does.
   */
  mayReincludeInside(folderPath: string): boolean {
    if (this.#exceptionPrefixes.length === 0) {
      return false;
    }
    if (this.#hasWildcardException) {
      return true;
    }
    const folderPrefix = `${folderPath}/`;
    return this.#exceptionPrefixes.some((prefix) => `${prefix}/`.startsWith(folderPrefix));
  }
}

function withoutTrailingGlob(text: string): string {
  let trimmed = text.endsWith('/**') ? text.slice(0, -3) : text;
  trimmed = trimmed.endsWith('/*') ? trimmed.slice(0, -2) : trimmed;
  return trimmed;
}

/** Compiles one pattern as patternmatcher.New does; returns undefined for a blank one. */
function compilePattern(rawText: string): Pattern | undefined {
  const trimmed = rawText.trim();
  if (trimmed === '') {
    return undefined;
  }

  // moby cleans the text with its `!` still attached, so "!" stays alone.
  const cleaned = cleanPath(trimmed);
  const exception = cleaned.startsWith('!');
  if (cleaned === '!') {
    throw invalidPattern(rawText, 'an exception needs a pattern after "!"');
  }
  const text = exception ? cleaned.slice(1) : cleaned;

  return { text, exception, matches: compileGlob(text, rawText) };
}

function invalidPattern(pattern: string, reason: string): SlashdockError {
  return new SlashdockError(
    'build_failed',
    `The .dockerignore pattern "${pattern.slice(0, 100)}" is invalid: ${reason}. Fix or remove that line.`,
  );
}

/** One step of a compiled glob; each matches one character or a run of them. */
type GlobToken =
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly CharRange[] }
  /** `?`: one character other than `/`. */
  | { readonly kind: 'oneInName' }
  /** `*`: any run of characters other than `/`. */
  | { readonly kind: 'runInName' }
  /** `**` at the end of a pattern: any run of characters. */
  | { readonly kind: 'rest' }
  /** `**` elsewhere: nothing, or any run of characters that ends with `/`. */
  | { readonly kind: 'folders' };

interface CharRange {
  readonly low: number;
  readonly high: number;
}

/**
 * Compiles a cleaned pattern to a matcher function. moby sorts patterns into
 * exact, prefix (`a/**`), suffix (leading `**`) and regular-expression
 * kinds. The prefix and suffix kinds use plain string tests, so `**foo` also
 * matches "barfoo". That sorting is copied here because its results differ
 * from the regular expression in such cases.
 *
 * The glob kind runs as a small NFA instead of a JavaScript RegExp, so a
 * crafted pattern cannot make matching take exponential time.
 */
function compileGlob(text: string, rawText: string): (relativePath: string) => boolean {
  const chars = Array.from(text);
  const tokens: GlobToken[] = [];
  let kind: 'exact' | 'prefix' | 'suffix' | 'glob' = 'exact';
  let index = 0;

  for (let step = 0; index < chars.length; step += 1) {
    const char = chars[index] ?? '';
    index += 1;

    if (char === '*' && chars[index] === '*') {
      index += 1;
      // "**/" means the same as "**".
      if (chars[index] === '/') {
        index += 1;
      }
      if (index < chars.length) {
        tokens.push({ kind: 'folders' });
        kind = 'glob';
      } else if (kind === 'exact') {
        kind = 'prefix';
      } else {
        tokens.push({ kind: 'rest' });
        kind = 'glob';
      }
      if (step === 0) {
        kind = 'suffix';
      }
    } else if (char === '*') {
      tokens.push({ kind: 'runInName' });
      kind = 'glob';
    } else if (char === '?') {
      tokens.push({ kind: 'oneInName' });
      kind = 'glob';
    } else if (char === '\\') {
      const escaped = chars[index];
      if (escaped === undefined) {
        throw invalidPattern(rawText, 'it ends with a lone "\\"');
      }
      index += 1;
      tokens.push({ kind: 'literal', char: escaped });
      kind = 'glob';
    } else if (char === '[') {
      const parsed = parseCharClass(chars, index, rawText);
      tokens.push(parsed.token);
      index = parsed.next;
      kind = 'glob';
    } else if (char === ']') {
      tokens.push({ kind: 'literal', char });
      kind = 'glob';
    } else {
      tokens.push({ kind: 'literal', char });
    }
  }

  switch (kind) {
    case 'exact':
      return (relativePath) => relativePath === text;
    case 'prefix': {
      const prefix = text.slice(0, -2);
      return (relativePath) => relativePath.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = text.slice(2);
      return (relativePath) =>
        relativePath.endsWith(suffix) ||
        (suffix.startsWith('/') && relativePath === suffix.slice(1));
    }
    case 'glob':
      return (relativePath) => matchTokens(tokens, relativePath);
  }
}

/**
 * Parses a `[...]` class starting after its `[`, with the syntax rules of
 * Go's filepath.Match: `^` negates, ranges are `a-z`, `\` escapes, and the
 * class must be closed and not empty. As in moby, a class also matches `/`.
 */
// NOTE: moby copies `*` and `?` inside brackets into its regular expression
// as `[^/]*` and `[^/]`, which breaks the class. Here they are literal
// characters, as in filepath.Match.
function parseCharClass(
  chars: readonly string[],
  start: number,
  rawText: string,
): { token: GlobToken; next: number } {
  let index = start;
  let negated = false;
  if (chars[index] === '^') {
    negated = true;
    index += 1;
  }

  const ranges: CharRange[] = [];
  for (;;) {
    if (chars[index] === ']' && ranges.length > 0) {
      index += 1;
      break;
    }

    const low = readClassChar(chars, index, rawText);
    index = low.next;
    let high = low;
    if (chars[index] === '-') {
      high = readClassChar(chars, index + 1, rawText);
      index = high.next;
    }
    if (low.codePoint > high.codePoint) {
      throw invalidPattern(rawText, 'a character range in "[...]" runs backwards');
    }
    ranges.push({ low: low.codePoint, high: high.codePoint });
  }

  return { token: { kind: 'class', negated, ranges }, next: index };
}

function readClassChar(
  chars: readonly string[],
  start: number,
  rawText: string,
): { codePoint: number; next: number } {
  let index = start;
  let char = chars[index];
  if (char === '-' || char === ']') {
    throw invalidPattern(rawText, `"${char}" cannot start an item in "[...]"`);
  }
  if (char === '\\') {
    index += 1;
    char = chars[index];
  }
  index += 1;
  // Go's filepath.Match also rejects a class that reaches the end of the pattern.
  if (char === undefined || index >= chars.length) {
    throw invalidPattern(rawText, '"[" has no closing "]"');
  }
  return { codePoint: char.codePointAt(0) ?? 0, next: index };
}

/** Positions of a running match: `atToken[i]` means token i reads the next character. */
interface MatchState {
  readonly atToken: boolean[];
  /** `inFolders[i]` means token i, a `**`, is in the middle of reading characters. */
  readonly inFolders: boolean[];
}

/**
 * Runs the tokens as an NFA over the path, tracking every position the
 * match can be at, so the time is linear in path length times pattern
 * length.
 */
function matchTokens(tokens: readonly GlobToken[], relativePath: string): boolean {
  const start = emptyMatchState(tokens.length);
  start.atToken[0] = true;
  let state = followEmptyMatches(tokens, start);

  for (const char of relativePath) {
    const next = emptyMatchState(tokens.length);
    let active = false;

    for (const [index, token] of tokens.entries()) {
      if (state.atToken[index] === true && consumes(token, char)) {
        const stays = token.kind === 'runInName' || token.kind === 'rest';
        next.atToken[stays ? index : index + 1] = true;
        active = true;
      }
      // Go's `.` stops at a newline, so `**` does too.
      if (state.inFolders[index] === true && char !== '\n') {
        next.inFolders[index] = true;
        if (char === '/') {
          next.atToken[index + 1] = true;
        }
        active = true;
      }
    }
    if (!active) {
      return false;
    }

    state = followEmptyMatches(tokens, next);
  }

  return state.atToken[tokens.length] === true;
}

function emptyMatchState(tokenCount: number): MatchState {
  return {
    atToken: new Array<boolean>(tokenCount + 1).fill(false),
    inFolders: new Array<boolean>(tokenCount).fill(false),
  };
}

/** Adds the positions reachable without reading a character; these only move forward. */
function followEmptyMatches(tokens: readonly GlobToken[], state: MatchState): MatchState {
  tokens.forEach((token, index) => {
    if (state.atToken[index] !== true) {
      return;
    }
    if (token.kind === 'runInName' || token.kind === 'rest' || token.kind === 'folders') {
      state.atToken[index + 1] = true;
    }
    if (token.kind === 'folders') {
      state.inFolders[index] = true;
    }
  });
  return state;
}

/** Returns whether the token reads this character. A `folders` token reads only through `inFolders`. */
function consumes(token: GlobToken, char: string): boolean {
  switch (token.kind) {
    case 'literal':
      return char === token.char;
    case 'class': {
      const codePoint = char.codePointAt(0) ?? 0;
      const inClass = token.ranges.some(
        (range) => codePoint >= range.low && codePoint <= range.high,
      );
      return inClass !== token.negated;
    }
    case 'oneInName':
    case 'runInName':
      return char !== '/';
    case 'rest':
      return char !== '\n';
    case 'folders':
      return false;
  }
}

/** A path to send in the build context. */
export interface ContextEntry {
  /** Path relative to the context root, with `/` separators. */
  readonly path: string;
  readonly type: 'file' | 'directory' | 'symlink';
  /** Size in bytes of a regular file; 0 for folders and symlinks. */
  readonly size: number;
}

/** A folder on the walk; `sent` turns true once its entry has been yielded. */
interface FolderFrame {
  readonly entry: ContextEntry | undefined;
  readonly parent: FolderFrame | undefined;
  sent: boolean;
}

/**
 * Walks the context in name order and yields the entries to send, each
 * folder before its contents. Symlinks are yielded as symlinks and never
 * followed. The root `.git` folder is always left out, as with
 * `docker build <git-url>`. An excluded folder is still walked when an
 * exception may re-include something inside it, and is then yielded only
 * right before the first entry inside it that is sent, as BuildKit does.
 */
export async function* walkContext(
  contextDir: string,
  matcher: DockerignoreMatcher,
): AsyncGenerator<ContextEntry> {
  const root: FolderFrame = { entry: undefined, parent: undefined, sent: true };
  yield* walkFolder(contextDir, root, '', matcher.rootMatchedPatterns, matcher, false);
}

async function* walkFolder(
  contextDir: string,
  folder: FolderFrame,
  folderPath: string,
  folderMatchedPatterns: readonly boolean[],
  matcher: DockerignoreMatcher,
  walkedForExceptions: boolean,
): AsyncGenerator<ContextEntry> {
  const names = await readFolder(contextDir, folderPath, walkedForExceptions);

  for (const name of names) {
    const relativePath = folderPath === '' ? name : `${folderPath}/${name}`;
    if (relativePath === '.git') {
      continue;
    }

    const stats = await lstat(path.join(contextDir, relativePath));
    const type = stats.isFile()
      ? 'file'
      : stats.isDirectory()
        ? 'directory'
        : stats.isSymbolicLink()
          ? 'symlink'
          : undefined;
    // Sockets, FIFOs and devices cannot come from a git checkout, and tar-fs
    // cannot pack them, so they are left out.
    if (type === undefined) {
      continue;
    }

    const entry: ContextEntry = {
      path: relativePath,
      type,
      size: type === 'file' ? stats.size : 0,
    };
    const { excluded, matchedPatterns } = matcher.match(relativePath, folderMatchedPatterns);

    if (type !== 'directory') {
      if (!excluded) {
        yield* unsentFolders(folder);
        yield entry;
      }
      continue;
    }

    const child: FolderFrame = { entry, parent: folder, sent: false };
    if (!excluded) {
      yield* unsentFolders(child);
    }
    if (!excluded || matcher.mayReincludeInside(relativePath)) {
      yield* walkFolder(contextDir, child, relativePath, matchedPatterns, matcher, excluded);
    }
  }
}

/**
 * Lists a folder's names in sorted order. An excluded folder that is walked
 * only for its exceptions is skipped when it cannot be read, as BuildKit
 * skips it, because nothing in it was going to be sent unless re-included.
 */
async function readFolder(
  contextDir: string,
  folderPath: string,
  walkedForExceptions: boolean,
): Promise<string[]> {
  try {
    const names = await readdir(path.join(contextDir, folderPath));
    return names.sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (walkedForExceptions && (code === 'EACCES' || code === 'EPERM')) {
      return [];
    }
    throw error;
  }
}

/** Marks the folder and its unsent parents as sent and returns their entries, outermost first. */
function unsentFolders(folder: FolderFrame): ContextEntry[] {
  const pending: ContextEntry[] = [];
  for (
    let frame: FolderFrame | undefined = folder;
    frame !== undefined && !frame.sent;
    frame = frame.parent
  ) {
    frame.sent = true;
    if (frame.entry !== undefined) {
      pending.push(frame.entry);
    }
  }
  return pending.reverse();
}
