import type Docker from 'dockerode';
import {
  ambiguousError,
  emptyQueryError,
  idPrefixOf,
  isFullId,
  notFoundError,
} from './object-query.js';

/** The fields of a container listing entry that resolution reads. */
export type ContainerCandidate = Pick<Docker.ContainerInfo, 'Id' | 'Names' | 'State'>;

/** Shown in "not found" messages: the listing that includes every container. */
const listEveryContainer = '`/docker ps -a --all-owners`';

/**
 * Finds the one container a query names, in the order the Docker daemon
 * looks a container up: a full ID, then an exact name (with or without the
 * leading `/`), then a unique ID prefix. `sha256:` before an ID or prefix
 * is accepted too. Throws a SlashdockError with code `not_found`, or
 * `ambiguous` listing the matches when a prefix fits several containers.
 */
export function matchContainer<T extends ContainerCandidate>(
  query: string,
  containers: readonly T[],
): T {
  if (query === '') {
    throw emptyQueryError('container');
  }

  const prefix = idPrefixOf(query);
  if (prefix !== undefined && isFullId(query)) {
    const byId = containers.find((container) => container.Id === prefix);
    if (byId !== undefined) {
      return byId;
    }
  }

  const name = query.replace(/^\//, '');
  const byName = containers.find((container) =>
    container.Names.some((candidate) => candidate.replace(/^\//, '') === name),
  );
  if (byName !== undefined) {
    return byName;
  }

  const byPrefix =
    prefix === undefined ? [] : containers.filter((container) => container.Id.startsWith(prefix));
  const [only] = byPrefix;
  if (only !== undefined && byPrefix.length === 1) {
    return only;
  }
  if (byPrefix.length > 1) {
    throw ambiguousError(
      'container',
      query,
      byPrefix.map((container) => ({
        id: container.Id,
        detail: `${containerName(container)} (${container.State})`,
      })),
    );
  }
  throw notFoundError('container', query, listEveryContainer);
}

/**
 * Finds the container a query names among all containers on the daemon,
 * running or not. See matchContainer for the rules and errors.
 */
export async function resolveContainer(
  docker: Docker,
  query: string,
): Promise<Docker.ContainerInfo> {
  const containers = await docker.listContainers({ all: true });
  return matchContainer(query, containers);
}

/**
 * Returns the name `docker ps` shows for a container. Names of the form
 * `/a/b` are aliases from legacy links, so a name without an inner `/` is
 * preferred.
 */
export function containerName(container: Pick<Docker.ContainerInfo, 'Names'>): string {
  const names = container.Names.map((name) => name.replace(/^\//, ''));
  return names.find((name) => !name.includes('/')) ?? names[0] ?? '';
}
