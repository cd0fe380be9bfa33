/**
 * Turns a repository name into a valid Docker image name component:
 * lower case, runs of other characters replaced by `-`, separators never
 * at the ends. Returns `image` when nothing usable is left.
 */
export function toImageName(repoName: string): string {
  const trimEnds = (text: string): string => text.replace(/^[._-]+|[._-]+$/g, '');
  const name = trimEnds(
    trimEnds(
      repoName
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/[._-]{2,}/g, '-'),
    ).slice(0, 128),
  );
  return name === '' ? 'image' : name;
}

/** The first 12 hex digits of an image or container ID, as `docker images` shows them. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
