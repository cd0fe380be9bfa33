import { UsageError } from '../errors.js';

/** An image reference split into its parts, as the Docker CLI reads `name[:tag][@digest]`. */
export interface ImageReference {
  /** Repository name including any registry host: `registry:5000/team/app`. */
  name: string;
  tag: string | undefined;
  digest: string | undefined;
}

// The grammar of github.com/distribution/reference (reference.go), written
// out as regular expressions.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6Host = '\\[(?:[a-fA-F0-9:]+)\\]';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|${ipv6Host})(?::[0-9]+)?`;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const namePattern = new RegExp(`^(?:${domain}/)?${pathComponent}(?:/${pathComponent})*$`);
const maxNameLength = 255;

/**
 * Parses an image reference and checks it against Docker's reference
 * grammar. Throws a UsageError saying which part is wrong.
 */
export function parseImageReference(text: string, what = 'image reference'): ImageReference {
  const atIndex = text.indexOf('@');
  const beforeDigest = atIndex === -1 ? text : text.slice(0, atIndex);
  const digest = atIndex === -1 ? undefined : text.slice(atIndex + 1);

  const lastColon = beforeDigest.lastIndexOf(':');
  const hasTag = lastColon > beforeDigest.lastIndexOf('/');
  const name = hasTag ? beforeDigest.slice(0, lastColon) : beforeDigest;
  const tag = hasTag ? beforeDigest.slice(lastColon + 1) : undefined;

  if (name === '') {
    throw invalid(text, what, 'the name is empty');
  }
  if (name.length > maxNameLength) {
    throw invalid(text, what, `the name is longer than ${maxNameLength} characters`);
  }
  if (!namePattern.test(name)) {
    throw invalid(
      text,
      what,
      'the name must be lower case letters, digits and the separators ".", "_", "__" or "-", in path components separated by "/"',
    );
  }
  if (tag !== undefined && !tagPattern.test(tag)) {
    throw invalid(
      text,
      what,
      'the tag must be up to 128 letters, digits, "_", "." or "-", and not start with "." or "-"',
    );
  }
  if (digest !== undefined && !digestPattern.test(digest)) {
    throw invalid(text, what, 'the digest must look like sha256:<64 hex digits>');
  }
  return { name, tag, digest };
}

/**
 * Parses a `-t` value for a build: a name with an optional tag, no digest.
 * Returns the full reference with `:latest` added when no tag is given.
 */
export function parseBuildTag(text: string): string {
  const reference = parseImageReference(text, 'tag');
  if (reference.digest !== undefined) {
    throw invalid(text, 'tag', 'a build tag cannot contain a digest (@sha256:...)');
  }
  return `${reference.name}:${reference.tag ?? 'latest'}`;
}

function invalid(text: string, what: string, reason: string): UsageError {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return new UsageError(`"${shown}" is not a valid ${what}: ${reason}.`);
}
