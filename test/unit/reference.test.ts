import { describe, expect, it } from 'vitest';
import { parseBuildTag, parseImageReference } from '../../src/docker/reference.js';
import { UsageError } from '../../src/errors.js';

describe('parseImageReference', () => {
  it.each([
    ['busybox', 'busybox', undefined],
    ['busybox:1.36', 'busybox', '1.36'],
    ['acme/api:v1.2.0', 'acme/api', 'v1.2.0'],
    ['registry.example.test:5000/team/app:latest', 'registry.example.test:5000/team/app', 'latest'],
    ['localhost:5000/app', 'localhost:5000/app', undefined],
    ['a__b/c--d.e_f:T_1-x.y', 'a__b/c--d.e_f', 'T_1-x.y'],
  ])('accepts %s', (text, name, tag) => {
    const reference = parseImageReference(text);

    expect(reference.name).toBe(name);
    expect(reference.tag).toBe(tag);
  });

  it('accepts a digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;

    expect(parseImageReference(`busybox@${digest}`).digest).toBe(digest);
  });

  it.each([
    ['', 'the name is empty'],
    ['Busybox', 'lower case'],
    ['-busybox', 'lower case'],
    ['busy box', 'lower case'],
    ['acme//api', 'lower case'],
    ['acme/api:', 'the tag must be'],
    ['acme/api:.hidden', 'the tag must be'],
    [`acme/api:${'x'.repeat(129)}`, 'the tag must be'],
    ['acme/api@sha256:xyz', 'the digest must'],
    ['a'.repeat(256), 'longer than 255'],
    ['acme/api;rm', 'lower case'],
    ['acme/api:$(id)', 'the tag must be'],
  ])('rejects %s', (text, reason) => {
    expect(() => parseImageReference(text)).toThrow(UsageError);
    expect(() => parseImageReference(text)).toThrow(reason);
  });
});

describe('parseBuildTag', () => {
  it('adds latest when no tag is given', () => {
    expect(parseBuildTag('acme/api')).toBe('acme/api:latest');
  });

  it('keeps a given tag', () => {
    expect(parseBuildTag('acme/api:dev')).toBe('acme/api:dev');
  });

  it('rejects a digest', () => {
    expect(() => parseBuildTag(`acme/api@sha256:${'a'.repeat(64)}`)).toThrow(
      'cannot contain a digest',
    );
  });
});
