import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { resolveCommand } from '../../src/dispatch.js';
import { SlashdockError, UsageError } from '../../src/errors.js';
import { parseRunRequest, type RunRequest } from '../../src/run/run-request.js';

const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
});

const mebibyte = 1024 ** 2;

/** Parses `/docker TEXT` as Slack would deliver it, then validates it as a run request. */
function runRequestFor(text: string): RunRequest {
  const { args } = resolveCommand(text, commands);
  return parseRunRequest(args, config.run);
}

/** Returns the error that dispatching or validating `text` raises. */
function errorFor(text: string): SlashdockError {
  try {
    runRequestFor(text);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(text)} to be rejected.`);
}

describe('run request defaults', () => {
  const request = runRequestFor('run busybox');

  it('image as given', () => {
    expect(request.image).toBe('busybox');
  });

  it('command empty', () => {
    expect(request.command).toEqual([]);
  });

  it('attached', () => {
    expect(request.detach).toBe(false);
  });

  it('no name', () => {
    expect(request.name).toBeUndefined();
  });

  it('no env', () => {
    expect(request.env.size).toBe(0);
  });

  it('kept after exit', () => {
    expect(request.remove).toBe(false);
  });

  it('memory 512m', () => {
    expect(request.memoryBytes).toBe(512 * mebibyte);
  });

  it('one CPU', () => {
    expect(request.nanoCpus).toBe(1_000_000_000);
  });

  it('timeout 10 minutes', () => {
    expect(request.timeoutMs).toBe(600_000);
  });
});

describe('run request flags', () => {
  it.each([
    ['-d', 'detach', true],
    ['--detach', 'detach', true],
    ['--detach=false', 'detach', false],
    ['--rm', 'remove', true],
    ['--name web-1', 'name', 'web-1'],
    ['--name=a.b_c', 'name', 'a.b_c'],
    ['--name 9x', 'name', '9x'],
    ['-m 8m', 'memoryBytes', 8 * mebibyte],
    ['--memory 512m', 'memoryBytes', 512 * mebibyte],
    ['--memory 512M', 'memoryBytes', 512 * mebibyte],
    ['--memory 512mb', 'memoryBytes', 512 * mebibyte],
    ['--memory 512MiB', 'memoryBytes', 512 * mebibyte],
    ['--memory 1g', 'memoryBytes', 1024 * mebibyte],
    ['--memory 1.5g', 'memoryBytes', 1536 * mebibyte],
    ['--memory 2g', 'memoryBytes', 2048 * mebibyte],
    ['--memory 6291456', 'memoryBytes', 6 * mebibyte],
    ['--memory 6291456b', 'memoryBytes', 6 * mebibyte],
    ['--memory 6144k', 'memoryBytes', 6 * mebibyte],
    ['--cpus 2', 'nanoCpus', 2_000_000_000],
    ['--cpus 0.5', 'nanoCpus', 500_000_000],
    ['--cpus .25', 'nanoCpus', 250_000_000],
    ['--cpus 1.000000001', 'nanoCpus', 1_000_000_001],
    ['--cpus=0.3', 'nanoCpus', 300_000_000],
    ['--timeout 90s', 'timeoutMs', 90_000],
    ['--timeout 1h', 'timeoutMs', 3_600_000],
    ['--timeout 1m30s', 'timeoutMs', 90_000],
    ['--timeout 500ms', 'timeoutMs', 500],
  ] as const)('%s', (flag, field, expected) => {
    expect(runRequestFor(`run ${flag} busybox`)[field]).toBe(expected);
  });

  it('env pairs in order', () => {
    const request = runRequestFor('run -e A=1 --env B=two -eC= --env=D=x=y busybox');

    expect([...request.env]).toEqual([
      ['A', '1'],
      ['B', 'two'],
      ['C', ''],
      ['D', 'x=y'],
    ]);
  });

  it('env later value wins', () => {
    expect(runRequestFor('run -e A=1 -e A=2 busybox').env.get('A')).toBe('2');
  });

  it('flags after image go to command', () => {
    const request = runRequestFor('run busybox ls -l --rm -d');

    expect(request.command).toEqual(['ls', '-l', '--rm', '-d']);
    expect(request.remove).toBe(false);
    expect(request.detach).toBe(false);
  });

  it('quoted command stays one word', () => {
    expect(runRequestFor(`run busybox sh -c 'echo "a b"'`).command).toEqual([
      'sh',
      '-c',
      'echo "a b"',
    ]);
  });

  it('double dash before image', () => {
    expect(runRequestFor('run -d -- busybox -x').command).toEqual(['-x']);
  });

  it.each([
    'busybox:latest',
    'registry.local:5000/team/app:1.0',
    'library/busybox',
    'app@sha256:' + 'a'.repeat(64),
  ])('image %s accepted', (image) => {
    expect(runRequestFor(`run ${image}`).image).toBe(image);
  });
});

describe('run request rejects', () => {
  it.each([
    ['no image', 'run', 'run needs an image'],
    ['only flags', 'run -d --rm', 'run needs an image'],
    ['unknown long flag', 'run --privileged busybox', 'Unknown flag: --privileged.'],
    ['unknown volume flag', 'run -v /:/host busybox', 'Unknown flag: -v.'],
    ['unknown network flag', 'run --network host busybox', 'Unknown flag: --network.'],
    ['name value missing at end', 'run --name', 'needs a value (NAME)'],
    ['name twice', 'run --name a1 --name b2 busybox', 'given more than once'],
    ['name one character', 'run --name a busybox', 'not a valid container name'],
    ['name starting with dash', 'run --name=-ab busybox', 'not a valid container name'],
    ['name with slash', 'run --name a/b busybox', 'not a valid container name'],
    ['name with space', "run --name 'a b' busybox", 'not a valid container name'],
    ['memory without number', 'run --memory m busybox', 'not a valid --memory'],
    ['memory bad unit', 'run --memory 512x busybox', 'not a valid --memory'],
    ['memory two units', 'run --memory 5mg busybox', 'not a valid --memory'],
    ['memory negative', 'run --memory -1 busybox', 'not a valid --memory'],
    ['memory comma', 'run --memory 1,5g busybox', 'not a valid --memory'],
    ['memory below minimum', 'run --memory 5m busybox', 'below the Docker minimum of 6m'],
    ['memory zero', 'run --memory 0 busybox', 'below the Docker minimum'],
    ['memory above maximum', 'run --memory 3g busybox', 'above the maximum of 2g'],
    ['memory far above', 'run --memory 1p busybox', 'above the maximum of 2g'],
    ['cpus zero', 'run --cpus 0 busybox', 'not a valid --cpus'],
    ['cpus negative', 'run --cpus -1 busybox', 'not a valid --cpus'],
    ['cpus word', 'run --cpus two busybox', 'not a valid --cpus'],
    ['cpus fraction', 'run --cpus 1/2 busybox', 'not a valid --cpus'],
    ['cpus too precise', 'run --cpus 0.0000000001 busybox', 'not a valid --cpus'],
    ['cpus empty', 'run --cpus= busybox', 'not a valid --cpus'],
    ['cpus above maximum', 'run --cpus 2.5 busybox', 'above the maximum of 2'],
    ['timeout negative', 'run --timeout -5m busybox', 'not a valid --timeout'],
    ['timeout without unit', 'run --timeout 10 busybox', 'not a valid --timeout'],
    ['timeout days', 'run --timeout 2d busybox', 'not a valid --timeout'],
    ['timeout zero', 'run --timeout 0s busybox', '--timeout must be longer than 0'],
    ['timeout above maximum', 'run --timeout 2h busybox', 'above the maximum of 1h 00m'],
    ['detach with value', 'run --detach=yes busybox', 'takes true or false'],
    ['upper case image', 'run BusyBox', 'not a valid image reference'],
    ['image with space', "run 'busy box'", 'not a valid image reference'],
    ['image bad tag', 'run busybox:-x', 'the tag must be'],
    ['image bad digest', 'run busybox@sha256:xyz', 'the digest must look like'],
    ['image empty', "run ''", 'not a valid image reference'],
    ['image double separator', 'run busy..box', 'not a valid image reference'],
    ['empty command', "run busybox ''", 'The command after the image is an empty word'],
  ])('%s', (_case, text, message) => {
    const error = errorFor(text);

    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
  });

  it('env without equals', () => {
    expect(errorFor('run -e API_TOKEN busybox').message).toContain('variable 1 has no "="');
  });

  it('env bad key', () => {
    expect(errorFor('run -e A=1 -e 1BAD=x busybox').message).toContain(
      'the key of variable 2 is not',
    );
  });

  it('env empty key', () => {
    expect(errorFor('run -e =secret busybox').message).toContain('the key of variable 1');
  });

  it('env too many', () => {
    const flags = Array.from({ length: 51 }, (_, index) => `-e K${index}=v`).join(' ');

    expect(errorFor(`run ${flags} busybox`).message).toContain('At most 50 -e variables');
  });

  it.each([
    ['without equals', 'run -e hunter2-secret-token busybox', 'hunter2-secret-token'],
    ['bad key', 'run -e "sk live=abc" busybox', 'sk live'],
    ['bad key value', 'run -e "sk live=topsecret" busybox', 'topsecret'],
  ])('env %s never echoed', (_case, text, secret) => {
    const error = errorFor(text);

    expect(error.message).not.toContain(secret);
    expect(error instanceof UsageError ? (error.usage ?? '') : '').not.toContain(secret);
  });
});
