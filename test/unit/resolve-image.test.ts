import { describe, expect, it } from 'vitest';
import { imageTags, matchImage } from '../../src/docker/resolve-image.js';
import { SlashdockError } from '../../src/errors.js';

const busyboxId = 'sha256:29e41d2030cd0000000000000000000000000000000000000000000000000001';
const appId = 'sha256:29e4ffff00000000000000000000000000000000000000000000000000000002';
const danglingId = 'sha256:cafe000000000000000000000000000000000000000000000000000000000003';
const registryId = 'sha256:beef000000000000000000000000000000000000000000000000000000000004';
const digest = `sha256:${'d'.repeat(64)}`;

const images = [
  {
    Id: busyboxId,
    RepoTags: ['busybox:latest'],
    RepoDigests: [`busybox@${digest}`],
  },
  { Id: appId, RepoTags: ['app:1', 'app:2'], RepoDigests: [] },
  { Id: danglingId, RepoTags: ['<none>:<none>'], RepoDigests: [] },
  { Id: registryId, RepoTags: ['registry.local:5000/team/api:v1'], RepoDigests: [] },
];

function errorFor(query: string): SlashdockError {
  try {
    matchImage(query, images);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected "${query}" not to resolve.`);
}

describe('matchImage', () => {
  it('finds by tag', () => {
    expect(matchImage('app:2', images)).toEqual({ image: images[1], reference: 'app:2' });
  });

  it('reads a bare name as latest', () => {
    expect(matchImage('busybox', images).reference).toBe('busybox:latest');
  });

  it('drops the Docker Hub prefix', () => {
    expect(matchImage('docker.io/library/busybox', images).image.Id).toBe(busyboxId);
  });

  it('finds a registry tag', () => {
    expect(matchImage('registry.local:5000/team/api:v1', images).image.Id).toBe(registryId);
  });

  it('finds by digest reference', () => {
    expect(matchImage(`busybox@${digest}`, images).reference).toBe(`busybox@${digest}`);
  });

  it('finds by full sha256 ID', () => {
    expect(matchImage(appId, images)).toEqual({ image: images[1], reference: undefined });
  });

  it('finds by full ID without sha256', () => {
    expect(matchImage(appId.slice(7), images).image.Id).toBe(appId);
  });

  it('finds by sha256 prefix', () => {
    expect(matchImage('sha256:cafe', images).image.Id).toBe(danglingId);
  });

  it('finds by unique prefix', () => {
    expect(matchImage('29e41', images).image.Id).toBe(busyboxId);
  });

  it('finds by upper-case prefix', () => {
    expect(matchImage('BEEF', images).image.Id).toBe(registryId);
  });

  it('rejects an ambiguous prefix', () => {
    const error = errorFor('29e4');

    expect(error.code).toBe('ambiguous');
    expect(error.message).toContain('`29e41d2030cd` busybox:latest');
    expect(error.message).toContain('`29e4ffff0000` app:1, app:2');
  });

  it('reports an unknown tag', () => {
    const error = errorFor('app:3');

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('/docker images --all-owners');
  });

  it('rejects an invalid reference', () => {
    expect(errorFor('Not_An_Image').code).toBe('usage');
  });

  it('rejects an empty query', () => {
    expect(errorFor('').code).toBe('usage');
  });
});

describe('imageTags', () => {
  it('drops the none tag', () => {
    expect(imageTags({ RepoTags: ['app:1', '<none>:<none>'] })).toEqual(['app:1']);
  });

  it('shows none for an untagged image', () => {
    expect(imageTags({ RepoTags: undefined })).toEqual(['<none>:<none>']);
  });
});
