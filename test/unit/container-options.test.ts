import { describe, expect, it } from 'vitest';
import { buildContainerOptions, keptCapabilities } from '../../src/run/container-options.js';
import { readRunConfig } from '../../src/run/run-config.js';
import type { RunRequest } from '../../src/run/run-request.js';

const config = readRunConfig({ SLASHDOCK_RUN_NETWORK: 'none', SLASHDOCK_RUN_PIDS_LIMIT: '64' });

const request: RunRequest = {
  image: 'busybox',
  command: ['echo', 'hi'],
  detach: false,
  name: 'job-1',
  env: new Map([['TOKEN', 'secret-value']]),
  remove: true,
  memoryBytes: 64 * 1024 ** 2,
  nanoCpus: 500_000_000,
  timeoutMs: 60_000,
};

const labels = { 'slashdock.user': 'U1' };

describe('buildContainerOptions', () => {
  const options = buildContainerOptions(request, config, labels);
  const host = options.HostConfig ?? {};

  it.each([
    ['Privileged', false],
    ['NetworkMode', 'none'],
    ['PidsLimit', 64],
    ['Memory', 64 * 1024 ** 2],
    ['MemorySwap', 64 * 1024 ** 2],
    ['NanoCpus', 500_000_000],
    ['PublishAllPorts', false],
  ] as const)('host %s', (field, expected) => {
    expect(host[field]).toBe(expected);
  });

  it.each(['Binds', 'Mounts', 'Devices'] as const)('host %s empty', (field) => {
    expect(host[field]).toEqual([]);
  });

  it('no PID or IPC sharing', () => {
    expect(host.PidMode).toBeUndefined();
    expect(host.IpcMode).toBeUndefined();
  });

  it('no new privileges', () => {
    expect(host.SecurityOpt).toEqual(['no-new-privileges']);
  });

  it('drops all capabilities', () => {
    expect(host.CapDrop).toEqual(['ALL']);
  });

  it('adds back the kept set', () => {
    expect(host.CapAdd).toEqual(keptCapabilities);
  });

  it('kept set has no raw sockets', () => {
    expect(keptCapabilities).not.toContain('NET_RAW');
  });

  it('attached run removes itself', () => {
    expect(host.AutoRemove).toBe(false);
  });

  it('detached rm auto-removes', () => {
    const detached = buildContainerOptions({ ...request, detach: true }, config, labels);

    expect(detached.HostConfig?.AutoRemove).toBe(true);
  });

  it('detached without rm kept', () => {
    const detached = buildContainerOptions(
      { ...request, detach: true, remove: false },
      config,
      labels,
    );

    expect(detached.HostConfig?.AutoRemove).toBe(false);
  });

  it('command as Cmd', () => {
    expect(options.Cmd).toEqual(['echo', 'hi']);
  });

  it('no command keeps image default', () => {
    expect(buildContainerOptions({ ...request, command: [] }, config, labels)).not.toHaveProperty(
      'Cmd',
    );
  });

  it('env as KEY=VALUE', () => {
    expect(options.Env).toEqual(['TOKEN=secret-value']);
  });

  it('no TTY', () => {
    expect(options.Tty).toBe(false);
  });

  it('name and labels', () => {
    expect(options.name).toBe('job-1');
    expect(options.Labels).toEqual(labels);
  });

  it('labels never hold env values', () => {
    expect(JSON.stringify(options.Labels)).not.toContain('secret-value');
  });
});
