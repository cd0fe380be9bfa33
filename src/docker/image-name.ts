/**
 * Turns a repository name into a valid Docker image name component:
 * lower case, runs of other characters replaced by `-`, separators never
 * at the ends. Returns `image` when nothing usable is left.
 */
export function toImageName(repoName: string): string {
  const name = repoName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  return name === '' ? 'image' : name.slice(0, 128);
}

/** The first 12 hex digits of an image or container ID, as `docker images` shows them. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
