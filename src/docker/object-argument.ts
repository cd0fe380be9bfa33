import { SlashdockError } from '../errors.js';
import { printableExcerpt } from '../format/printable-excerpt.js';
import { parseImageReference } from './reference.js';

const idPattern = /^(sha256:)?[0-9a-fA-F]{1,64}$/;
const containerNamePattern = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;

/**
 * Checks that a container argument is an ID, an ID prefix or a name in
 * Docker's name grammar, before the request is acknowledged. Returns the
 * problem to show, or undefined.
 */
export function containerArgumentProblem(text: string): string | undefined {
  if (idPattern.test(text) || containerNamePattern.test(text)) {
    return undefined;
  }
  return `"${printableExcerpt(text, 80)}" is not a container name or ID. Names use letters, digits, "_", "." and "-"; run /docker ps -a to see them.`;
}

/** Checks that an image argument is an ID, an ID prefix or a valid image reference. */
export function imageArgumentProblem(text: string): string | undefined {
  if (idPattern.test(text)) {
    return undefined;
  }
  try {
    parseImageReference(text);
    return undefined;
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error.message;
    }
    throw error;
  }
}
