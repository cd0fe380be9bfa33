/** Secret values shorter than this are not masked: masking "1" or "on" would garble all output. */
export const minMaskedLength = 4;

const mask = '****';

/**
 * Returns a function that replaces every occurrence of the given secret
 * values with `****`. Longer secrets are replaced first, so a secret that
 * contains another is masked whole.
 */
export function createMasker(secrets: Iterable<string>): (text: string) => string {
  const values = [...new Set(secrets)]
    .filter((secret) => secret.length >= minMaskedLength)
    .sort((left, right) => right.length - left.length);

  if (values.length === 0) {
    return (text) => text;
  }
  return (text) => values.reduce((masked, secret) => masked.replaceAll(secret, mask), text);
}
