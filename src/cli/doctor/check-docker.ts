import type Docker from 'dockerode';
import { dockerErrorMessage } from '../../errors.js';
import type { Environment } from '../../config.js';
import type { CheckResult } from './check-result.js';
import { compareVersions } from './compare-versions.js';

/**
 * The oldest Docker Engine API Slashdock works with, because `run --cpus`
 * sets HostConfig.NanoCpus. NOTE: 1.25 (Docker 1.13, which added
 * `docker run --cpus`) is recalled, not checked against the API history.
 */
export const minimumApiVersion = '1.25';

/**
 * Checks the daemon DOCKER_HOST names: that it responds (ping), its
 * version and API version, and its storage driver. Returns only the first
 * line when the daemon does not respond, because the rest depends on it.
 */
export async function checkDocker(
  docker: Docker,
  env: Environment,
): Promise<{ results: CheckResult[]; reachable: boolean }> {
  const host = env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock (the default)';

  let version: Docker.DockerVersion;
  let info: { Driver?: string; DockerRootDir?: string };
  let networkNames: string[];
  try {
    await docker.ping();
    version = await docker.version();
    info = (await docker.info()) as { Driver?: string; DockerRootDir?: string };
    networkNames = (await docker.listNetworks()).map((network) => network.Name);
  } catch (error) {
    return { reachable: false, results: [describeUnreachable(error, host)] };
  }

  return {
    reachable: true,
    results: [
      {
        name: 'Docker daemon',
        verdict: 'ok',
        detail: `Docker Engine ${version.Version} (${version.Os}/${version.Arch}) answers at ${host}.`,
      },
      checkApiVersion(version),
      checkStorageDriver(info.Driver),
      checkRunNetwork(env.SLASHDOCK_RUN_NETWORK?.trim() || 'bridge', networkNames),
    ],
  };
}

/**
 * dockerode sends requests without a version prefix, and the daemon then
 * serves them at its own API version. No negotiation happens, so the
 * daemon's version only has to be recent enough.
 * NOTE: Docker's API reference calls unversioned requests deprecated; a
 * daemon that stops serving them fails the ping above.
 */
function checkApiVersion(version: Docker.DockerVersion): CheckResult {
  const name = 'Docker API';
  const range = `the daemon serves API ${version.ApiVersion} (oldest it accepts: ${version.MinAPIVersion})`;
  if (compareVersions(version.ApiVersion, minimumApiVersion) < 0) {
    return {
      name,
      verdict: 'fail',
      detail: `Slashdock needs API ${minimumApiVersion} or later, and ${range}.`,
      fix: 'Upgrade the Docker Engine to 1.13 or later; any current release will do.',
    };
  }
  return {
    name,
    verdict: 'ok',
    detail: `Slashdock sends unversioned requests and ${range}; it needs ${minimumApiVersion} or later.`,
  };
}

/** Checks that the network `run` attaches containers to exists, so that no run fails on it. */
function checkRunNetwork(network: string, networkNames: readonly string[]): CheckResult {
  const name = 'Run network';
  if (networkNames.includes(network)) {
    return {
      name,
      verdict: 'ok',
      detail: `Containers that run starts join the network "${network}".`,
    };
  }
  return {
    name,
    verdict: 'fail',
    detail: `The daemon has no network "${network}", so every /docker run would fail. It has: ${networkNames.join(', ') || 'none'}.`,
    fix: 'Set SLASHDOCK_RUN_NETWORK to one of those networks (none keeps containers offline), or create the network with docker network create.',
  };
}

function checkStorageDriver(driver: string | undefined): CheckResult {
  const name = 'Storage driver';
  if (driver === undefined || driver === '') {
    return { name, verdict: 'warn', detail: 'The daemon did not report its storage driver.' };
  }
  if (driver === 'vfs') {
    return {
      name,
      verdict: 'warn',
      detail: 'vfs copies every layer in full, so builds are slow and use much disk space.',
      fix: 'Configure the daemon with overlay2 ("storage-driver" in daemon.json) where the file system supports it.',
    };
  }
  return { name, verdict: 'ok', detail: driver };
}

function describeUnreachable(error: unknown, host: string): CheckResult {
  const message =
    dockerErrorMessage(error) ?? (error instanceof Error ? error.message : String(error));
  const code = (error as { code?: unknown } | null)?.code;
  return {
    name: 'Docker daemon',
    verdict: 'fail',
    detail: `No answer at ${host}: ${message}`,
    fix:
      code === 'EACCES'
        ? "Give this user access to the socket, for example by adding it to the socket's group (docker run --group-add, or usermod -aG docker USER)."
        : 'Start the Docker daemon, or set DOCKER_HOST to one that runs (unix:///var/run/docker.sock, or tcp://HOST:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).',
  };
}
