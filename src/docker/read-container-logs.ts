import type Docker from 'dockerode';
import { LineSplitter } from '../output/line-splitter.js';
import { FrameDemuxer, type OutputFrame } from './frame-demuxer.js';
import { openDockerStream } from './open-stream.js';

export interface ReadLogsOptions {
  /** Number of lines from the end. */
  tail: number;
  /** Only lines written at or after this time, in Unix seconds. */
  since: number | undefined;
  timestamps: boolean;
  /** A container with a TTY has one output stream, which the daemon sends without frames. */
  tty: boolean;
  signal: AbortSignal;
  /** Receives each line of stdout and stderr, in the order the daemon sends them. */
  onLine: (line: string) => void;
}

/**
 * Reads the stored output of a container, as `docker logs` does, line by
 * line from a stream, so that memory depends on what `onLine` keeps rather
 * than on the size of the logs.
 */
export async function readContainerLogs(
  docker: Docker,
  containerId: string,
  options: ReadLogsOptions,
): Promise<void> {
  const response = await openDockerStream(docker, {
    path: `/containers/${encodeURIComponent(containerId)}/logs?`,
    method: 'GET',
    query: {
      stdout: true,
      stderr: true,
      follow: false,
      tail: options.tail,
      timestamps: options.timestamps,
      ...(options.since === undefined ? {} : { since: options.since }),
    },
    statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
    signal: options.signal,
  });

  const demuxer = new FrameDemuxer();
  const splitter = new LineSplitter();
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const frames: OutputFrame[] = options.tty
      ? [{ stream: 'stdout', payload: chunk }]
      : demuxer.push(chunk);
    for (const frame of frames) {
      splitter.push(frame.stream, frame.payload).forEach(options.onLine);
    }
  }
  splitter.end().forEach(options.onLine);
}
