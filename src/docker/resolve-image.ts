import type Docker from 'dockerode';
import { UsageError } from '../errors.js';
import {
  ambiguousError,
  emptyQueryError,
  idPrefixOf,
  isFullId,
  notFoundError,
} from './object-query.js';
import { parseImageReference } from './reference.js';

/** The fields of an image listing entry that resolution reads. */
export type ImageCandidate = Pick<Docker.ImageInfo, 'Id' | 'RepoTags' | 'RepoDigests'>;

export interface ImageMatch<T extends ImageCandidate> {
  image: T;
  /**
   * The tag (`app:1`) or digest reference (`app@sha256:...`) the query
   * named, as the daemon lists it, or undefined when the query named the
   * image by ID. Docker removes a tag differently from an ID: removing a
   * tag only untags the image while other tags remain.
   */
  reference: string | undefined;
}

/** Shown in "not found" messages: the listing that includes every image. */
const listEveryImage = '`/docker images --all-owners`';

/**
 * Finds the one image a query names, in the order the Docker daemon looks
 * an image up: a full ID (`sha256:` optional), then a reference (`repo:tag`,
 * `repo` meaning `repo:latest`, `repo@sha256:...`, with `docker.io/library/`
 * optional), then a unique ID prefix. Throws a SlashdockError with code
 * `not_found`, `ambiguous` listing the matches, or `usage` when the query
 * is neither a valid reference nor an ID prefix.
 */
export function matchImage<T extends ImageCandidate>(
  query: string,
  images: readonly T[],
): ImageMatch<T> {
  if (query === '') {
    throw emptyQueryError('image');
  }

  const prefix = idPrefixOf(query);
  if (prefix !== undefined && isFullId(query)) {
    const byId = images.find((image) => image.Id === `sha256:${prefix}`);
    if (byId !== undefined) {
      return { image: byId, reference: undefined };
    }
  }

  const reference = familiarReference(query, prefix === undefined);
  if (reference !== undefined) {
    const byReference = images.find(
      (image) =>
        (image.RepoTags ?? []).includes(reference) || (image.RepoDigests ?? []).includes(reference),
    );
    if (byReference !== undefined) {
      return { image: byReference, reference };
    }
  }

  const byPrefix =
    prefix === undefined
      ? []
      : images.filter((image) => image.Id.replace(/^sha256:/, '').startsWith(prefix));
  const [only] = byPrefix;
  if (only !== undefined && byPrefix.length === 1) {
    return { image: only, reference: undefined };
  }
  if (byPrefix.length > 1) {
    throw ambiguousError(
      'image',
      query,
      byPrefix.map((image) => ({ id: image.Id, detail: imageTags(image).join(', ') })),
    );
  }
  throw notFoundError('image', query, listEveryImage);
}

/**
 * Finds the image a query names among all images on the daemon, including
 * intermediate ones. See matchImage for the rules and errors.
 */
export async function resolveImage(
  docker: Docker,
  query: string,
): Promise<ImageMatch<Docker.ImageInfo>> {
  const images = await docker.listImages({ all: true });
  return matchImage(query, images);
}

/** Returns an image's tags, or `<none>:<none>` for an untagged one, as `docker images` shows it. */
export function imageTags(image: Pick<Docker.ImageInfo, 'RepoTags'>): string[] {
  const tags = (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  return tags.length === 0 ? ['<none>:<none>'] : tags;
}

/**
 * Writes a reference the way the daemon lists it: Docker Hub's
 * `docker.io/` and `library/` prefixes dropped, `:latest` added when there
 * is neither a tag nor a digest. Returns undefined for text that is no
 * valid reference, or throws the UsageError when `mustBeReference` is set
 * because the text cannot be an ID prefix either.
 */
function familiarReference(text: string, mustBeReference: boolean): string | undefined {
  let parsed;
  try {
    parsed = parseImageReference(text, 'image name');
  } catch (error) {
    if (error instanceof UsageError && !mustBeReference) {
      return undefined;
    }
    throw error;
  }

  const name = parsed.name
    .replace(/^(?:docker\.io|index\.docker\.io)\//, '')
    .replace(/^library\/(?=[^/]+$)/, '');
  if (parsed.digest !== undefined) {
    return `${name}@${parsed.digest}`;
  }
  return `${name}:${parsed.tag ?? 'latest'}`;
}
