import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { maskSecrets } from '../../format/secret-patterns.js';
import type { CliIo } from '../cli-io.js';
import { findPackageRoot } from '../package-root.js';
import { checkConfiguration } from './check-configuration.js';
import { checkDisk } from './check-disk.js';
import { checkDockerBuild } from './check-docker-build.js';
import { checkDocker } from './check-docker.js';
import { checkGit } from './check-git.js';
import type { CheckResult } from './check-result.js';
import { checkSlack } from './check-slack.js';
import { readManifest } from './read-manifest.js';
import { renderChecks } from './render-checks.js';

export const doctorUsage = `Usage: slashdock doctor [--json]

Checks a deployment before it is wired to Slack, and prints one line per
check with its result (ok, WARN or FAIL), what was found and how to fix it:
  configuration     every variable valid; which are set, which are defaults
  Slack             auth.test with SLACK_BOT_TOKEN: team, bot user, scopes
                    against manifest.yml; Socket Mode or HTTP settings
  Docker            ping, versions, API version, storage driver, and a test
                    build of an empty image, which is then removed
  git               installed, and its version
  disk space        free space where repositories are cloned

Secret values are never printed. Exit status 1 when any check fails.

Options:
  --json       print {"ok": ..., "checks": [...]} instead of the table
  -h, --help   show this help`;

/** How long any one Docker call may take, so that an unreachable TCP daemon cannot hang the doctor. */
const dockerTimeoutMs = 30_000;

/** Runs `slashdock doctor` and returns the exit status: 0, 1 when a check failed, 2 on bad usage. */
export async function runDoctor(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((word) => word !== '--json');
  if (unknown.includes('-h') || unknown.includes('--help')) {
    io.stdout.write(`${doctorUsage}\n`);
    return 0;
  }
  if (unknown.length > 0) {
    io.stderr.write(
      `slashdock doctor: unknown argument "${unknown[0] ?? ''}".\n\n${doctorUsage}\n`,
    );
    return 2;
  }

  const results = (await runChecks(io)).map(maskResult);
  const failed = results.some((result) => result.verdict === 'fail');
  if (json) {
    io.stdout.write(`${JSON.stringify({ ok: !failed, checks: results }, null, 2)}\n`);
  } else {
    io.stdout.write(`${renderChecks(results, io.stdout.columns ?? 100)}\n`);
  }
  return failed ? 1 : 0;
}

async function runChecks(io: CliIo): Promise<CheckResult[]> {
  const configuration = checkConfiguration(io.env);
  const manifest = await readManifest(path.join(findPackageRoot(), 'manifest.yml')).catch(
    (error: unknown): Error => (error instanceof Error ? error : new Error(String(error))),
  );
  const results: CheckResult[] = [configuration.result];

  results.push(...(await checkSlack(configuration.config, manifest)));

  // dockerode reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself.
  const docker = new Docker({ timeout: dockerTimeoutMs });
  const daemon = await checkDocker(docker, io.env);
  results.push(...daemon.results);
  if (daemon.reachable) {
    results.push(await checkDockerBuild(docker));
  }

  results.push(await checkGit());
  const workDir =
    configuration.config?.workDir ?? (io.env.SLASHDOCK_WORK_DIR?.trim() || os.tmpdir());
  results.push(await checkDisk(workDir));
  return results;
}

/** Masks token shapes as a second line of defence, whatever an error message contained. */
function maskResult(result: CheckResult): CheckResult {
  return {
    ...result,
    detail: maskSecrets(result.detail),
    ...(result.fix === undefined ? {} : { fix: maskSecrets(result.fix) }),
  };
}
