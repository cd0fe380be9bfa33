import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';

interface AuditLine {
  msg?: string;
  audit?: { decision: string; text: string; command?: string; reason?: string; outcome?: string };
}

const buildArgSecret = 'p4ssw0rd-in-a-build-arg';

describe('access policy and audit trail', () => {
  let harness: AppHarness;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-policy-'));
    const policyFile = path.join(folder, 'policy.yml');
    await writeFile(
      policyFile,
      [
        'channels:',
        '  CBUILDS:',
        '    commands: [build, ps, help]',
        '    repos: ["github.com/acme/*"]',
        '',
      ].join('\n'),
    );
    harness = await startAppHarness({
      env: {
        SLASHDOCK_ALLOWED_CHANNELS: 'CBUILDS,CLOCKED',
        SLASHDOCK_ADMINS: 'UADMIN',
        SLASHDOCK_ADMIN_COMMANDS: 'images',
        SLASHDOCK_AUDIT_CHANNEL: 'CAUDIT',
        SLASHDOCK_POLICY_FILE: policyFile,
      },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await rm(folder, { recursive: true, force: true });
  });

  function auditLines(): NonNullable<AuditLine['audit']>[] {
    return harness
      .logLines()
      .map((line) => JSON.parse(line) as AuditLine)
      .flatMap((entry) =>
        entry.msg === 'audit' && entry.audit !== undefined ? [entry.audit] : [],
      );
  }

  async function denial(
    text: string,
    fields: { channelId?: string; userId?: string } = {},
  ): Promise<string> {
    const answer = await harness.send(text, { channelId: 'CBUILDS', ...fields });
    await harness.app.jobs.idle();
    return (JSON.parse(answer.text === '' ? '{}' : answer.text) as { text?: string }).text ?? '';
  }

  it('denies a channel outside the list', async () => {
    const text = await denial('ps', { channelId: 'COTHER' });

    expect(text).toContain('Slashdock is not enabled in this channel.');
    expect(text).toContain('SLASHDOCK_ALLOWED_CHANNELS');
  });

  it('denies an admin command to others', async () => {
    const text = await denial('images', { userId: 'UDEV' });

    expect(text).toContain('`images` is for Slashdock admins only.');
    expect(text).toContain('<@UADMIN>');
  });

  it('allows an admin command to admins', async () => {
    const text = await denial('help', { userId: 'UADMIN' });

    expect(text).toBe('');
  });

  it('denies a command the channel rule leaves out', async () => {
    const text = await denial('images', { userId: 'UADMIN' });

    expect(text).toContain(
      '`images` is not allowed in this channel. Allowed here: build, ps, help.',
    );
  });

  it('denies a repository outside the channel rule', async () => {
    const text = await denial(
      `build --build-arg TOKEN=${buildArgSecret} https://github.com/other/api`,
    );

    expect(text).toContain('The repository github.com/other/api is not allowed in this channel.');
    expect(text).toContain('SLASHDOCK_POLICY_FILE');
  });

  it('writes one audit line per request', () => {
    const decisions = auditLines().map((entry) => entry.decision);

    expect(decisions).toEqual(['denied', 'denied', 'allowed', 'denied', 'denied']);
  });

  it('masks build-arg values in the audit line', () => {
    const line = auditLines().find((entry) => entry.text.includes('--build-arg'));

    expect(line?.text).toBe('build --build-arg TOKEN=**** https://github.com/other/api');
    expect(JSON.stringify(harness.logLines())).not.toContain(buildArgSecret);
  });

  it('mirrors audit lines to the audit channel', async () => {
    const auditCopies = (): string[] =>
      harness.slack
        .callsTo('chat.postMessage')
        .filter((call) => call.args.channel === 'CAUDIT')
        .map((call) => String(call.args.text));
    // Copies share chat.postMessage's limit of one a second per channel.
    for (let waited = 0; auditCopies().length < 5 && waited < 15_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const copies = auditCopies();

    expect(copies).toHaveLength(5);
    expect(copies.join('\n')).not.toContain(buildArgSecret);
  });
});

describe('policy file validation at start', () => {
  it('names the line of a mistake', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-policy-'));
    const policyFile = path.join(folder, 'policy.yml');
    await writeFile(policyFile, 'channels:\n  CBUILDS:\n    commands: [build, deploy]\n');

    await expect(startAppHarness({ env: { SLASHDOCK_POLICY_FILE: policyFile } })).rejects.toThrow(
      `SLASHDOCK_POLICY_FILE: ${policyFile} line 3: unknown command "deploy"`,
    );
    await rm(folder, { recursive: true, force: true });
  });
});
