import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-fs';

/** The offline base image of the sandbox engine. */
export const baseImage = process.env.SLASHDOCK_TEST_BASE_IMAGE ?? 'busybox:latest';

/**
 * Creates a container with network mode `none` that sleeps for five
 * minutes, with the given labels (pass `slashdock.user` to make it owned),
 * and starts it unless `running` is false.
 */
export async function createTestContainer(
  docker: Docker,
  options: { name: string; labels: Record<string, string>; running?: boolean; image?: string },
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: options.image ?? baseImage,
    Cmd: ['sleep', '300'],
    name: options.name,
    HostConfig: { NetworkMode: 'none' },
    Labels: options.labels,
  });
  if (options.running !== false) {
    await container.start();
  }
  return container;
}

/**
 * Builds a one-line image `FROM` the base image with the given tag and
 * labels. A random label makes each image distinct, so that the build
 * cache never hands back an image another test uses.
 */
export async function buildTestImage(
  docker: Docker,
  tag: string,
  labels: Record<string, string>,
): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-test-image-'));
  try {
    await writeFile(
      path.join(folder, 'Dockerfile'),
      `FROM ${baseImage}\nLABEL test.build-id=${randomUUID()}\n`,
    );
    const stream = await docker.buildImage(tar.pack(folder), { t: tag, labels, rm: true });
    const output = await new Promise<{ error?: string }[]>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, result: { error?: string }[]) => {
        if (error === null) {
          resolve(result);
        } else {
          reject(error);
        }
      });
    });
    const failure = output.find((message) => message.error !== undefined);
    if (failure !== undefined) {
      throw new Error(`Building ${tag} failed: ${failure.error ?? ''}`);
    }
    return (await docker.getImage(tag).inspect()).Id;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Checks whether a container still exists on the daemon. */
export async function containerExists(docker: Docker, id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Checks whether an image still exists on the daemon. */
export async function imageExists(docker: Docker, idOrTag: string): Promise<boolean> {
  try {
    await docker.getImage(idOrTag).inspect();
    return true;
  } catch {
    return false;
  }
}
