import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { SlashdockError } from '../errors.js';

export interface BuildImageOptions {
  context: Readable;
  /** Dockerfile path relative to the context root. */
  dockerfile: string;
  /** Full references (`name:tag`); the first is applied by the build, the rest after it. */
  tags: readonly string[];
  labels: Record<string, string>;
  signal: AbortSignal;
  /** Receives each line of build output as it arrives. */
  onOutput: (line: string) => void;
}

export interface BuiltImage {
  imageId: string;
  tags: readonly string[];
}

/** One JSON message of the daemon's build progress stream. */
interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/**
 * Builds an image from a tar context and tags it. The daemon answers 200 as
 * soon as the build starts and reports a failed step inside the progress
 * stream, so the stream is read to its end and any error message in it
 * fails the build.
 */
export async function buildImage(docker: Docker, options: BuildImageOptions): Promise<BuiltImage> {
  const [primaryTag, ...extraTags] = options.tags;
  const response = await docker.buildImage(options.context, {
    dockerfile: options.dockerfile,
    labels: options.labels,
    rm: true,
    forcerm: true,
    ...(primaryTag === undefined ? {} : { t: primaryTag }),
    // Aborting closes the connection, which makes the daemon stop the build.
    abortSignal: options.signal,
  });

  const imageId = await readBuildStream(response, options);

  for (const tag of extraTags) {
    const { repo, tag: version } = splitReference(tag);
    await docker.getImage(imageId).tag({ repo, tag: version });
  }
  return { imageId, tags: options.tags };
}

async function readBuildStream(
  response: NodeJS.ReadableStream,
  options: BuildImageOptions,
): Promise<string> {
  let imageId: string | undefined;
  let daemonError: string | undefined;

  try {
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') {
        continue;
      }
      const message = parseMessage(line);
      for (const outputLine of outputLines(message)) {
        options.onOutput(outputLine);
      }
      if (message.aux?.ID !== undefined) {
        imageId = message.aux.ID;
      }
      if (message.error !== undefined || message.errorDetail?.message !== undefined) {
        daemonError = message.errorDetail?.message ?? message.error;
      }
    }
  } catch (error) {
    if (!options.signal.aborted) {
      throw error;
    }
  }

  if (options.signal.aborted) {
    throw new SlashdockError('cancelled', 'The build was stopped before it finished.');
  }
  if (daemonError !== undefined) {
    throw new SlashdockError('build_failed', daemonError.trim());
  }
  if (imageId === undefined) {
    throw new SlashdockError(
      'build_failed',
      'The daemon ended the build without reporting an image ID.',
    );
  }
  return imageId;
}

function parseMessage(line: string): BuildMessage {
  try {
    return JSON.parse(line) as BuildMessage;
  } catch {
    // A line that is not JSON is still output someone may need to read.
    return { stream: `${line}\n` };
  }
}

function outputLines(message: BuildMessage): string[] {
  const text =
    message.stream ??
    (message.status === undefined
      ? undefined
      : `${message.id === undefined ? '' : `${message.id}: `}${message.status}`) ??
    message.error;
  if (text === undefined) {
    return [];
  }
  return text.replace(/\n$/, '').split('\n');
}

/** Splits `registry:5000/name:tag` into repository and tag, defaulting the tag to `latest`. */
export function splitReference(reference: string): { repo: string; tag: string } {
  const lastColon = reference.lastIndexOf(':');
  const lastSlash = reference.lastIndexOf('/');
  if (lastColon > lastSlash) {
    return { repo: reference.slice(0, lastColon), tag: reference.slice(lastColon + 1) };
  }
  return { repo: reference, tag: 'latest' };
}
