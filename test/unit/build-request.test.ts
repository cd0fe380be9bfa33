import { describe, expect, it } from 'vitest';
import { buildFlags, parseBuildRequest } from '../../src/build/build-request.js';
import { loadConfig } from '../../src/config.js';
import { UsageError } from '../../src/errors.js';
import { parseArgs } from '../../src/parser/parse-args.js';
import { tokenize } from '../../src/parser/tokenize.js';

const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' });

function parse(text: string) {
  return parseBuildRequest(parseArgs(tokenize(text), buildFlags), config);
}

describe('parseBuildRequest', () => {
  it('defaults to no tags and Dockerfile', () => {
    const request = parse('https://github.com/acme/api');

    expect(request.tags).toEqual([]);
    expect(request.dockerfile).toBe('Dockerfile');
    expect(request.noCache).toBe(false);
    expect(request.pull).toBe(false);
  });

  it('reads every option', () => {
    const request = parse(
      '-t api:dev --tag api -f docker/Dockerfile.prod --build-arg A=1 --build-arg B=x=y --target runtime --no-cache --pull https://github.com/acme/api#main:web',
    );

    expect(request.tags).toEqual(['api:dev', 'api:latest']);
    expect(request.dockerfile).toBe('docker/Dockerfile.prod');
    expect([...request.buildArgs]).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
    ]);
    expect(request.target).toBe('runtime');
    expect(request.noCache).toBe(true);
    expect(request.pull).toBe(true);
    expect(request.source.subdir).toBe('web');
  });

  it('removes duplicate tags', () => {
    expect(parse('-t api -t api:latest https://github.com/acme/api').tags).toEqual(['api:latest']);
  });

  it('normalises the Dockerfile path', () => {
    expect(parse('-f ./docker//Dockerfile https://github.com/acme/api').dockerfile).toBe(
      'docker/Dockerfile',
    );
  });

  it.each([
    ['-t UPPER https://github.com/acme/api', 'is not a valid tag'],
    ['-f ../Dockerfile https://github.com/acme/api', 'is not a path inside the build context'],
    ['-f /etc/passwd https://github.com/acme/api', 'is not a path inside the build context'],
    ['--target "-x" https://github.com/acme/api', 'is not a valid stage name'],
    ['--build-arg 1X=y https://github.com/acme/api', '"1X" is not'],
    ['--build-arg NAME https://github.com/acme/api', 'needs KEY=VALUE'],
    ['--no-cache=maybe https://github.com/acme/api', 'takes true or false'],
  ])('rejects %s', (text, message) => {
    expect(() => parse(text)).toThrow(UsageError);
    expect(() => parse(text)).toThrow(message);
  });

  it('never echoes a build-arg given without "="', () => {
    let message = '';
    try {
      parse('--build-arg hunter2secret https://github.com/acme/api');
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('needs KEY=VALUE');
    expect(message).not.toContain('hunter2secret');
  });

  it('rejects more than ten tags', () => {
    const tags = Array.from({ length: 11 }, (_, index) => `-t api:v${index}`).join(' ');

    expect(() => parse(`${tags} https://github.com/acme/api`)).toThrow('At most 10 tags');
  });
});
