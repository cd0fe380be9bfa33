import type Docker from 'dockerode';
import type { RunConfig } from './run-config.js';
import type { RunRequest } from './run-request.js';

/**
 * Capabilities a container keeps; every other one is dropped. Ordinary
 * images that run as root need these to change file owners and permissions
 * (CHOWN, DAC_OVERRIDE, FOWNER, FSETID) and to switch users, as entrypoints
 * with gosu or su-exec do (SETUID, SETGID). They also signal their own
 * processes (KILL) and listen on ports below 1024 (NET_BIND_SERVICE).
 * Docker's default set also has NET_RAW (raw sockets, which allow spoofing
 * on a shared network), MKNOD, AUDIT_WRITE, SETFCAP, SETPCAP and
 * SYS_CHROOT, which such images rarely need.
 */
export const keptCapabilities: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'SETUID',
  'SETGID',
  'KILL',
  'NET_BIND_SERVICE',
];

/**
 * Builds the daemon's create request for a run. Everything that would give
 * the container more of the host than its own limited sandbox is fixed
 * here, whatever the request contains: no privileged mode, no mounts, no
 * devices, no published ports, the operator's network, the daemon's default
 * PID and IPC namespaces (private), `no-new-privileges`, and limits on
 * memory (without swap), CPUs and processes.
 */
export function buildContainerOptions(
  request: RunRequest,
  config: RunConfig,
  labels: Record<string, string>,
): Docker.ContainerCreateOptions {
  return {
    Image: request.image,
    ...(request.command.length > 0 ? { Cmd: [...request.command] } : {}),
    ...(request.name === undefined ? {} : { name: request.name }),
    Env: [...request.env].map(([key, value]) => `${key}=${value}`),
    Labels: labels,
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: !request.detach,
    AttachStderr: !request.detach,
    HostConfig: {
      Privileged: false,
      Binds: [],
      Mounts: [],
      Devices: [],
      PublishAllPorts: false,
      NetworkMode: config.network,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: ['ALL'],
      CapAdd: [...keptCapabilities],
      PidsLimit: config.pidsLimit,
      Memory: request.memoryBytes,
      // Equal to Memory, which gives the container no swap at all.
      MemorySwap: request.memoryBytes,
      NanoCpus: request.nanoCpus,
      // An attached run reads the exit code and OOM flag first, then removes
      // the container itself; the daemon removes a detached one.
      AutoRemove: request.detach && request.remove,
    },
  };
}
