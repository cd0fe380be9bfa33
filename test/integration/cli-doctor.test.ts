import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/cli/doctor/check-result.js';
import {
  buildCli,
  cliEnvironment,
  runCli,
  type CliBuild,
  type CliExit,
} from '../helpers/cli-process.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';

const botToken = 'xoxb-doctor-0000-secretvalue';
const appToken = 'xapp-1-doctor-secretvalue';
const manifestScopes = 'commands,chat:write,chat:write.public,files:write';

interface DoctorReport {
  ok: boolean;
  checks: CheckResult[];
}

describe('slashdock doctor', () => {
  const docker = new Docker();
  let cli: CliBuild;
  let slack: FakeSlackApi;
  let cwd: string;
  let workDir: string;

  beforeAll(async () => {
    cli = await buildCli();
    slack = new FakeSlackApi();
    await slack.start();
    cwd = await mkdtemp(path.join(os.tmpdir(), 'slashdock-doctor-cwd-'));
    workDir = await mkdtemp(path.join(os.tmpdir(), 'slashdock-doctor-work-'));
  });

  afterEach(() => {
    slack.resetAnswers();
  });

  afterAll(async () => {
    await slack.stop();
    await cli.remove();
    await rm(cwd, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  /** Runs the doctor with --json and the given variables on top of a valid local setup. */
  async function runDoctor(variables: Record<string, string>): Promise<{
    exit: CliExit;
    report: DoctorReport;
    check: (name: string) => CheckResult | undefined;
  }> {
    const exit = await runCli(cli, ['doctor', '--json'], {
      // "none" exists on every daemon; the sandbox engine has no bridge network.
      env: cliEnvironment({
        SLASHDOCK_WORK_DIR: workDir,
        SLASHDOCK_RUN_NETWORK: 'none',
        ...variables,
      }),
      cwd,
    });
    const report = JSON.parse(exit.stdout) as DoctorReport;
    return {
      exit,
      report,
      check: (name) => report.checks.find((result) => result.name === name),
    };
  }

  it('passes against a reachable engine without Slack', async () => {
    const { exit, report, check } = await runDoctor({});

    expect(exit.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(check('configuration')?.verdict).toBe('ok');
    expect(check('Slack')?.verdict).toBe('warn');
    expect(check('Docker daemon')?.verdict).toBe('ok');
    expect(check('Docker API')?.detail).toMatch(/serves API 1\.\d+/);
    expect(check('Storage driver')?.verdict).toBe('ok');
    expect(check('Run network')?.verdict).toBe('ok');
    expect(check('Docker build')?.detail).toContain('Built and removed a test image');
    expect(check('git')?.detail).toMatch(/^git \d+\.\d+/);
    expect(check('disk space')?.detail).toContain(workDir);
    const leftovers = await docker.listImages({
      filters: JSON.stringify({ label: ['slashdock.doctor=true'] }),
    });
    expect(leftovers).toEqual([]);
  });

  it('fails on a run network the daemon lacks', async () => {
    const { exit, check } = await runDoctor({ SLASHDOCK_RUN_NETWORK: 'slashdock-no-such-network' });

    expect(exit.code).toBe(1);
    expect(check('Run network')?.verdict).toBe('fail');
    expect(check('Run network')?.detail).toContain('no network "slashdock-no-such-network"');
  });

  it('fails when DOCKER_HOST does not answer', async () => {
    const socket = path.join(cwd, 'missing', 'docker.sock');
    const { exit, report, check } = await runDoctor({ DOCKER_HOST: `unix://${socket}` });

    expect(exit.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(check('Docker daemon')?.verdict).toBe('fail');
    expect(check('Docker daemon')?.detail).toContain(`No answer at unix://${socket}`);
    expect(check('Docker daemon')?.fix).toContain('DOCKER_HOST');
    expect(check('Docker build')).toBeUndefined();
    expect(check('git')?.verdict).toBe('ok');
  });

  it('fails when Slack answers invalid_auth', async () => {
    slack.answerWith('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));

    const { exit, check } = await runDoctor({
      SLACK_BOT_TOKEN: botToken,
      SLACK_APP_TOKEN: appToken,
      SLACK_API_URL: slack.apiUrl,
    });

    expect(exit.code).toBe(1);
    expect(check('Slack token')?.verdict).toBe('fail');
    expect(check('Slack token')?.detail).toBe('Slack rejected SLACK_BOT_TOKEN: invalid_auth.');
    expect(check('Slack token')?.fix).toContain('Bot User OAuth Token');
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    expect(exit.stdout).not.toContain('secretvalue');
    expect(exit.stderr).toBe('');
  });

  it('fails when a scope is missing', async () => {
    slack.answerWith('auth.test', () => ({
      headers: { 'x-oauth-scopes': 'commands,chat:write,chat:write.public' },
      body: { ok: true, team: 'Acme', team_id: 'T0001', user: 'slashdock', user_id: 'UBOT' },
    }));

    const { exit, check } = await runDoctor({
      SLACK_BOT_TOKEN: botToken,
      SLACK_APP_TOKEN: appToken,
      SLACK_API_URL: slack.apiUrl,
    });

    expect(exit.code).toBe(1);
    expect(check('Slack token')?.verdict).toBe('ok');
    expect(check('Slack token')?.detail).toContain('team Acme (T0001), bot user slashdock (UBOT)');
    expect(check('Slack scopes')?.verdict).toBe('fail');
    expect(check('Slack scopes')?.detail).toContain('The token lacks files:write');
    expect(check('Slack connection')?.verdict).toBe('ok');
    expect(exit.stdout).not.toContain('secretvalue');
  });

  it('passes with every scope and Socket Mode', async () => {
    slack.answerWith('auth.test', () => ({
      headers: { 'x-oauth-scopes': manifestScopes },
      body: { ok: true, team: 'Acme', team_id: 'T0001', user: 'slashdock', user_id: 'UBOT' },
    }));

    const { exit, check } = await runDoctor({
      SLACK_BOT_TOKEN: botToken,
      SLACK_APP_TOKEN: appToken,
      SLACK_API_URL: slack.apiUrl,
    });

    expect(exit.code).toBe(0);
    expect(check('Slack scopes')?.verdict).toBe('ok');
    expect(check('Slack connection')?.detail).toBe('Socket Mode: SLACK_APP_TOKEN is set.');
  });

  it('warns when HTTP mode meets the Socket Mode manifest', async () => {
    slack.answerWith('auth.test', () => ({
      headers: { 'x-oauth-scopes': manifestScopes },
      body: { ok: true, team: 'Acme', team_id: 'T0001', user: 'slashdock', user_id: 'UBOT' },
    }));

    const { exit, check } = await runDoctor({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: 'signing-secretvalue',
      SLACK_API_URL: slack.apiUrl,
    });

    expect(exit.code).toBe(0);
    expect(check('Slack connection')?.verdict).toBe('warn');
    expect(check('Slack connection')?.fix).toContain('SLACK_APP_TOKEN');
    expect(exit.stdout).not.toContain('secretvalue');
  });

  it('fails on an invalid variable and names it', async () => {
    const { exit, check } = await runDoctor({ SLASHDOCK_MAX_BUILDS: 'many' });

    expect(exit.code).toBe(1);
    expect(check('configuration')?.verdict).toBe('fail');
    expect(check('configuration')?.detail).toContain('SLASHDOCK_MAX_BUILDS');
    expect(check('Slack')?.detail).toContain('configuration is invalid');
  });

  it('lists set variables and warns on unknown ones', async () => {
    const { exit, check } = await runDoctor({
      SLASHDOCK_REPO_ALLOW: 'git.example.com',
      SLASHDOCK_REPO_ALOW: 'typo.example.com',
    });

    expect(exit.code).toBe(0);
    expect(check('configuration')?.verdict).toBe('warn');
    expect(check('configuration')?.detail).toContain(
      'Set: SLASHDOCK_REPO_ALLOW, SLASHDOCK_RUN_NETWORK, SLASHDOCK_WORK_DIR.',
    );
    expect(check('configuration')?.detail).toContain('SLASHDOCK_MAX_BUILDS');
    expect(check('configuration')?.detail).toContain('not read by Slashdock: SLASHDOCK_REPO_ALOW.');
  });

  it('prints a table with fixes', async () => {
    const exit = await runCli(cli, ['doctor'], {
      env: cliEnvironment({
        SLASHDOCK_WORK_DIR: workDir,
        DOCKER_HOST: `unix://${path.join(cwd, 'missing', 'docker.sock')}`,
      }),
      cwd,
    });

    expect(exit.code).toBe(1);
    expect(exit.stdout).toMatch(/^CHECK\s+RESULT\s+DETAIL$/m);
    expect(exit.stdout).toMatch(/^Docker daemon\s+FAIL\s+No answer at unix:\/\//m);
    expect(exit.stdout).toMatch(/^\s+Fix: Start the Docker daemon/m);
    expect(exit.stdout).toContain('1 check failed and 1 warning.');
  });
});
