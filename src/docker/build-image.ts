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
  buildArgs: ReadonlyMap<string, string>;
  target: string | undefined;
  noCache: boolean;
  pull: boolean;
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
 * Builds an image from a tar context and tags it. The daemon responds 200 as
 * soon as the build starts and reports a failed step inside the progress
 * stream, so the stream is read to its end and any error message in it
 * fails the build.
 */
export async function buildImage(docker: Docker, options: BuildImageOptions): Promise<BuiltImage> {
  const [primaryTag, ...extraTags] = options.tags;
  const response = await docker.buildImage(options.context, {
    dockerfile: options.dockerfile,
    labels: options.labels,
    buildargs: Object.fromEntries(options.buildArgs),
    nocache: options.noCache,
    pull: options.pull,
    ...(options.target === undefined ? {} : { target: options.target }),
    // Intermediate containers go away even when a step fails.
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
  // The daemon sends long output in pieces that need not end at a line
  // break, so text is held until its line is complete.
  let partialLine = '';

  try {
    const lines = createInterface({ input: response, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') {
        continue;
      }
      const message = parseMessage(line);
      const text = messageText(message);
      if (text !== undefined) {
        const pieces = (partialLine + text).split('\n');
        partialLine = pieces.pop() ?? '';
        pieces.forEach(options.onOutput);
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
  if (partialLine !== '') {
    options.onOutput(partialLine);
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

/** Returns the output text a message carries; `stream` text keeps its own line breaks. */
function messageText(message: BuildMessage): string | undefined {
  if (message.stream !== undefined) {
    return message.stream;
  }
  if (message.status !== undefined) {
    return `${message.id === undefined ? '' : `${message.id}: `}${message.status}\n`;
  }
  return message.error === undefined ? undefined : `${message.error}\n`;
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
