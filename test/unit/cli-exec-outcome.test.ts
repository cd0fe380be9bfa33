import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBuildActionId } from '../../src/build/run-build.js';
import { findConfirmationId, findInterruptTarget } from '../../src/cli/exec/terminal-actions.js';
import { decideOutcome } from '../../src/cli/exec/run-exec.js';
import { safeFilename, saveUpload } from '../../src/cli/exec/save-upload.js';
import { signalExitCode } from '../../src/cli/exec/interrupt-watcher.js';
import { loadConfig } from '../../src/config.js';
import { confirmActionId } from '../../src/policy/ask-confirmation.js';
import { stopRunActionId } from '../../src/run/run-attached.js';
import { createCommandServices } from '../../src/services.js';

describe('decideOutcome', () => {
  it.each([
    ['success', 'succeeded', 'done', undefined, false, 'succeeded'],
    ['reported failure', 'succeeded', 'fail', undefined, false, 'failed'],
    ['returned failure', 'failed', 'fail', undefined, false, 'failed'],
    ['interrupted failure', 'failed', 'fail', undefined, true, 'interrupted'],
    ['success despite late Ctrl-C', 'succeeded', 'done', undefined, true, 'succeeded'],
    ['confirmed', 'succeeded', 'done', 'confirmed', false, 'succeeded'],
    ['declined', 'succeeded', 'done', 'declined', false, 'declined'],
    ['expired', 'succeeded', 'done', 'unavailable', false, 'failed'],
    ['prompt interrupted', 'succeeded', 'done', 'interrupted', false, 'interrupted'],
  ] as const)('%s', (_name, outcome, lastResult, confirmation, interrupted, expected) => {
    expect(decideOutcome({ outcome, lastResult, confirmation, interrupted })).toBe(expected);
  });
});

describe('signalExitCode', () => {
  it('follows the shell convention', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
  });
});

describe('terminal actions', () => {
  const config = loadConfig({}, { requireSlack: false });
  const services = createCommandServices(config, { runInBackground: () => undefined });

  it('Ctrl-C presses a build Cancel as an admin', () => {
    const job = services.activeBuilds.register('job-1', 'U1', new AbortController().signal);
    const target = findInterruptTarget(
      [{ actionId: cancelBuildActionId, label: 'Cancel', value: 'job-1' }],
      services,
    );

    expect(target?.hint).toBe('Press Ctrl-C to cancel the build.');
    expect(target?.press('terminal')).toBe('cancelled');
    expect(job.signal.reason).toEqual({ kind: 'cancelled', userId: 'terminal' });
  });

  it('Ctrl-C presses a run Stop', () => {
    services.activeRuns.register('run-1', 'U1', new AbortController().signal);
    const target = findInterruptTarget(
      [{ actionId: stopRunActionId, label: 'Stop', value: 'run-1' }],
      services,
    );

    expect(target?.press('terminal')).toBe('cancelled');
  });

  it('other buttons have no Ctrl-C', () => {
    expect(
      findInterruptTarget([{ actionId: confirmActionId, label: 'Confirm', value: 'c1' }], services),
    ).toBeUndefined();
  });

  it('finds a confirmation', () => {
    expect(findConfirmationId([{ actionId: confirmActionId, label: 'Confirm', value: 'c1' }])).toBe(
      'c1',
    );
    expect(findConfirmationId([])).toBeUndefined();
  });
});

describe('saveUpload', () => {
  let cwd: string;

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'slashdock-save-'));
  });

  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('never overwrites an earlier file', async () => {
    const now = new Date(2025, 0, 2, 15, 4, 5);
    const file = { filename: 'api-build.log', title: 'Full build log', content: 'one' };

    const first = await saveUpload(file, 'logs', { cwd, now });
    const second = await saveUpload({ ...file, content: 'two' }, 'logs', { cwd, now });

    expect(first.path).toBe('./logs/20250102-150405-api-build.log');
    expect(second.path).toBe('./logs/20250102-150405-api-build-2.log');
    expect(await readFile(path.join(cwd, first.path), 'utf8')).toBe('one');
    expect(await readFile(path.join(cwd, second.path), 'utf8')).toBe('two');
    expect(second.bytes).toBe(3);
  });

  it.each([
    ['path parts', '../../etc/passwd', 'passwd'],
    ['odd characters', 'a b$c.log', 'a_b_c.log'],
    ['dots only', '..', 'attachment.txt'],
    ['empty', '', 'attachment.txt'],
  ])('safe name from %s', (_name, filename, expected) => {
    expect(safeFilename(filename)).toBe(expected);
  });
});
