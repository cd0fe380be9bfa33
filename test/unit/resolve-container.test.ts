import { describe, expect, it } from 'vitest';
import { containerName, matchContainer } from '../../src/docker/resolve-container.js';
import { SlashdockError } from '../../src/errors.js';

const webId = 'abc1230000000000000000000000000000000000000000000000000000000001';
const dbId = 'abc4560000000000000000000000000000000000000000000000000000000002';
const cacheId = 'f00d000000000000000000000000000000000000000000000000000000000003';

const containers = [
  { Id: webId, Names: ['/web'], State: 'running' },
  { Id: dbId, Names: ['/db', '/web/db-alias'], State: 'exited' },
  { Id: cacheId, Names: ['/abc4'], State: 'running' },
];

function errorFor(query: string): SlashdockError {
  try {
    matchContainer(query, containers);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected "${query}" not to resolve.`);
}

describe('matchContainer', () => {
  it('finds by name', () => {
    expect(matchContainer('web', containers).Id).toBe(webId);
  });

  it('finds by name with slash', () => {
    expect(matchContainer('/db', containers).Id).toBe(dbId);
  });

  it('finds by full ID', () => {
    expect(matchContainer(webId, containers).Id).toBe(webId);
  });

  it('finds by unique prefix', () => {
    expect(matchContainer('abc123', containers).Id).toBe(webId);
  });

  it('finds by one-digit prefix', () => {
    expect(matchContainer('f', containers).Id).toBe(cacheId);
  });

  it('finds by sha256 prefix', () => {
    expect(matchContainer('sha256:abc456', containers).Id).toBe(dbId);
  });

  it('finds by upper-case prefix', () => {
    expect(matchContainer('ABC456', containers).Id).toBe(dbId);
  });

  it('prefers a name over a prefix', () => {
    expect(matchContainer('abc4', containers).Id).toBe(cacheId);
  });

  it('rejects an ambiguous prefix', () => {
    expect(errorFor('abc').code).toBe('ambiguous');
  });

  it('lists ambiguous matches', () => {
    const { message } = errorFor('abc');

    expect(message).toContain('"abc" matches 2 containers');
    expect(message).toContain('`abc123000000` web (running)');
    expect(message).toContain('`abc456000000` db (exited)');
  });

  it('caps the listed matches', () => {
    const many = Array.from({ length: 14 }, (_, index) => ({
      Id: `ee${String(index).padStart(62, '0')}`,
      Names: [`/c${index}`],
      State: 'exited',
    }));
    let message = '';
    try {
      matchContainer('ee', many);
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message.split('\n').filter((line) => line.startsWith('• `'))).toHaveLength(10);
    expect(message).toContain('… and 4 more');
  });

  it('reports an unknown name', () => {
    const error = errorFor('nginx');

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('No such container: "nginx".');
  });

  it('reports an unknown prefix', () => {
    expect(errorFor('dead').code).toBe('not_found');
  });

  it('rejects an empty query', () => {
    expect(errorFor('').code).toBe('usage');
  });

  it('does not read sha256 alone as an ID', () => {
    expect(errorFor('sha256:').code).toBe('not_found');
  });
});

describe('containerName', () => {
  it('prefers a name without an inner slash', () => {
    expect(containerName({ Names: ['/web/db-alias', '/db'] })).toBe('db');
  });

  it('returns empty text without names', () => {
    expect(containerName({ Names: [] })).toBe('');
  });
});
