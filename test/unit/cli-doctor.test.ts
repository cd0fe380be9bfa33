import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfiguration } from '../../src/cli/doctor/check-configuration.js';
import { checkDisk } from '../../src/cli/doctor/check-disk.js';
import type { CheckResult } from '../../src/cli/doctor/check-result.js';
import { checkSlack } from '../../src/cli/doctor/check-slack.js';
import { compareVersions } from '../../src/cli/doctor/compare-versions.js';
import { readManifest } from '../../src/cli/doctor/read-manifest.js';
import { renderChecks, summarize, wrap } from '../../src/cli/doctor/render-checks.js';
import { createTarArchive } from '../../src/cli/doctor/tar-archive.js';
import { findPackageRoot } from '../../src/cli/package-root.js';
import { loadConfig } from '../../src/config.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-doctor-unit-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('createTarArchive', () => {
  it('tar reads the files back', async () => {
    const archive = path.join(folder, 'context.tar');
    await writeFile(
      archive,
      createTarArchive({ Dockerfile: 'FROM scratch\n', 'dir/a.txt': 'x'.repeat(600) }),
    );

    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' });
    const content = execFileSync('tar', ['-xOf', archive, 'dir/a.txt'], { encoding: 'utf8' });

    expect(listing).toBe('Dockerfile\ndir/a.txt\n');
    expect(content).toBe('x'.repeat(600));
  });

  it('rejects a name over 100 bytes', () => {
    expect(() => createTarArchive({ ['n'.repeat(101)]: '' })).toThrow('1 to 100 bytes');
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.41', '1.25', 1],
    ['1.9', '1.25', -1],
    ['1.25', '1.25', 0],
    ['2.39.5', '2.12', 1],
    ['2.12.0', '2.12', 0],
  ])('%s against %s', (left, right, expected) => {
    expect(compareVersions(left, right)).toBe(expected);
  });
});

describe('checkConfiguration', () => {
  it('lists set variables and defaults', () => {
    const { result, config } = checkConfiguration({ SLASHDOCK_RUN_NETWORK: 'none' });

    expect(config?.run.network).toBe('none');
    expect(result.verdict).toBe('ok');
    expect(result.detail).toContain('Set: SLASHDOCK_RUN_NETWORK.');
    expect(result.detail).toMatch(/defaults apply: .*SLACK_BOT_TOKEN/);
    expect(result.detail).toMatch(/defaults apply: .*SLASHDOCK_REPO_ALLOW/);
  });

  it('names an invalid variable and never its secret value', () => {
    const { result, config } = checkConfiguration({ SLACK_BOT_TOKEN: 'xoxp-user-secretvalue' });

    expect(config).toBeUndefined();
    expect(result.verdict).toBe('fail');
    expect(result.detail).toContain('SLACK_BOT_TOKEN');
    expect(result.detail).not.toContain('secretvalue');
    expect(result.fix).toContain('Correct SLACK_BOT_TOKEN');
  });

  it('warns on an unread variable and ignores script variables', () => {
    const { result } = checkConfiguration({
      SLASHDOCK_MAX_BUILD: '3',
      SLASHDOCK_TEST_BASE_IMAGE: 'busybox:latest',
      SLASHDOCK_SANDBOX_DIR: '/tmp/x',
    });

    expect(result.verdict).toBe('warn');
    expect(result.detail).toContain('Set but not read by Slashdock: SLASHDOCK_MAX_BUILD.');
  });
});

describe('readManifest', () => {
  it('reads the scopes of manifest.yml', async () => {
    const manifest = await readManifest(path.join(findPackageRoot(), 'manifest.yml'));

    expect(manifest.botScopes).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
    ]);
    expect(manifest.socketMode).toBe(true);
  });

  it('rejects a manifest without bot scopes', async () => {
    const file = path.join(folder, 'manifest.yml');
    await writeFile(file, 'oauth_config:\n  scopes:\n    user: [chat:write]\n');

    await expect(readManifest(file)).rejects.toThrow('oauth_config.scopes.bot');
  });
});

describe('checkSlack without a token', () => {
  const manifest = { botScopes: ['commands'], socketMode: true };

  it('warns that Slack is not configured', async () => {
    const [result] = await checkSlack(loadConfig({}, { requireSlack: false }), manifest);

    expect(result?.verdict).toBe('warn');
    expect(result?.detail).toContain('SLACK_BOT_TOKEN is not set');
  });

  it('skips Slack when the configuration is invalid', async () => {
    const [result] = await checkSlack(undefined, manifest);

    expect(result?.detail).toContain('configuration is invalid');
  });

  it('fails without Socket Mode or HTTP settings', async () => {
    const closedPort = await findClosedPort();
    const apiUrl = `http://127.0.0.1:${closedPort}/api/`;
    const config = loadConfig(
      { SLACK_BOT_TOKEN: 'xoxb-unit-secretvalue', SLACK_API_URL: apiUrl },
      { requireSlack: false },
    );

    const results = await checkSlack(config, manifest);

    const connection = results.find((result) => result.name === 'Slack connection');
    expect(connection?.verdict).toBe('fail');
    const token = results.find((result) => result.name === 'Slack token');
    expect(token?.verdict).toBe('fail');
    expect(token?.detail).toContain(`auth.test at ${apiUrl} failed`);
  });
});

/** Returns a loopback port that nothing listens on, because this test listened on it and closed it. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

describe('checkDisk', () => {
  it('reports free space in a folder', async () => {
    const result = await checkDisk(folder);

    expect(result.detail).toContain(`free in ${folder}`);
  });

  it('fails on a missing folder', async () => {
    const missing = path.join(folder, 'missing');
    const result = await checkDisk(missing);

    expect(result.verdict).toBe('fail');
    expect(result.detail).toContain(`Cannot create a temporary folder in ${missing}`);
  });
});

describe('renderChecks', () => {
  const results: CheckResult[] = [
    { name: 'git', verdict: 'ok', detail: 'git 2.39.5' },
    {
      name: 'Docker daemon',
      verdict: 'fail',
      detail: 'No answer at unix:///x/docker.sock: connect ENOENT',
      fix: 'Start the Docker daemon.',
    },
  ];

  it('aligns columns and puts fixes under the detail', () => {
    expect(renderChecks(results, 100)).toBe(
      [
        'CHECK          RESULT  DETAIL',
        'git            ok      git 2.39.5',
        'Docker daemon  FAIL    No answer at unix:///x/docker.sock: connect ENOENT',
        '                       Fix: Start the Docker daemon.',
        '',
        '1 check failed. Apply the fixes above, then run slashdock doctor again.',
      ].join('\n'),
    );
  });

  it('summarizes warnings', () => {
    expect(summarize([{ name: 'a', verdict: 'warn', detail: '' }])).toBe(
      'No check failed, with 1 warning. Slashdock can run; read the fixes above.',
    );
    expect(summarize([{ name: 'a', verdict: 'ok', detail: '' }])).toBe('Every check passed.');
  });

  it('wraps at spaces', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(wrap('', 5)).toEqual(['']);
  });
});
