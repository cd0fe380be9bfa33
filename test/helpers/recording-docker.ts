import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';

/** One request the recording daemon received. */
export interface RecordedDockerRequest {
  method: string;
  /** Request path with its query string, as dockerode sent it: `/containers/json?all=true`. */
  path: string;
}

/** Error message in every response body, in the form the Docker daemon uses. */
export const recordingDaemonMessage = 'recording daemon: no calls expected';

/**
 * A stand-in for the Docker Engine API on a unix socket in a temporary
 * folder. It records every request and responds to each with status 500,
 * so that a test can prove that input Slashdock rejected never reached Docker.
 */
export class RecordingDocker {
  readonly requests: RecordedDockerRequest[] = [];
  private readonly server: Server;
  private folder: string | undefined;

  constructor() {
    this.server = createServer((request, response) => {
      this.requests.push({ method: request.method ?? '', path: request.url ?? '' });
      request.resume();
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: recordingDaemonMessage }));
    });
  }

  get socketPath(): string {
    if (this.folder === undefined) {
      throw new Error('The recording daemon is not started.');
    }
    return path.join(this.folder, 'docker.sock');
  }

  async start(): Promise<void> {
    this.folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-recording-docker-'));
    const socketPath = this.socketPath;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Creates a dockerode client connected to this daemon's socket. */
  dockerClient(): Docker {
    return new Docker({ socketPath: this.socketPath });
  }

  async stop(): Promise<void> {
    if (this.server.listening) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => {
        this.server.close(() => {
          resolve();
        });
      });
    }
    if (this.folder !== undefined) {
      await rm(this.folder, { recursive: true, force: true });
    }
  }
}
