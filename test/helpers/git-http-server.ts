import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Slashdock Tests',
  GIT_AUTHOR_EMAIL: 'tests@localhost',
  GIT_COMMITTER_NAME: 'Slashdock Tests',
  GIT_COMMITTER_EMAIL: 'tests@localhost',
};

function runGit(args: string[], cwd: string): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...gitIdentity },
    encoding: 'utf8',
  });
}

/**
 * Serves bare git repositories over smart HTTP on 127.0.0.1 by running
 * `git http-backend` as a CGI program, so that build tests clone through
 * the same transport as a real host, shallow clones included.
 */
export class GitHttpServer {
  private readonly server: Server;
  private root = '';
  private readonly workTrees = new Map<string, string>();

  constructor() {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const backend = spawn('git', ['http-backend'], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GIT_PROJECT_ROOT: this.root,
          GIT_HTTP_EXPORT_ALL: '1',
          REQUEST_METHOD: request.method ?? 'GET',
          PATH_INFO: decodeURIComponent(url.pathname),
          QUERY_STRING: url.search.replace(/^\?/, ''),
          CONTENT_TYPE: request.headers['content-type'] ?? '',
          REMOTE_ADDR: '127.0.0.1',
          ...(request.headers['git-protocol'] === undefined
            ? {}
            : { GIT_PROTOCOL: String(request.headers['git-protocol']) }),
        },
      });
      request.pipe(backend.stdin);

      const chunks: Buffer[] = [];
      backend.stdout.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      backend.on('close', () => {
        const output = Buffer.concat(chunks);
        const split = output.indexOf('\r\n\r\n');
        const headerText = output.subarray(0, split).toString('latin1');
        const headers: Record<string, string> = {};
        let status = 200;
        for (const line of headerText.split('\r\n')) {
          const [name = '', ...rest] = line.split(':');
          const value = rest.join(':').trim();
          if (name.toLowerCase() === 'status') {
            status = Number.parseInt(value, 10);
          } else if (name !== '') {
            headers[name] = value;
          }
        }
        response.writeHead(status, headers).end(output.subarray(split + 4));
      });
    });
  }

  async start(): Promise<void> {
    this.root = await mkdtemp(path.join(os.tmpdir(), 'slashdock-git-'));
    await new Promise<void>((resolve) => {
      this.server.listen(0, '127.0.0.1', resolve);
    });
  }

  async stop(): Promise<void> {
    for (const workTree of this.workTrees.values()) {
      await rm(workTree, { recursive: true, force: true });
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
    await rm(this.root, { recursive: true, force: true });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The clone URL of a repository created with `createRepository`. */
  url(name: string): string {
    return `http://127.0.0.1:${this.port}/${name}.git`;
  }

  /**
   * Creates a bare repository `name.git` whose default branch `main` has
   * one commit with the given files, and returns that commit's SHA.
   */
  async createRepository(name: string, files: Record<string, string | Buffer>): Promise<string> {
    const workTree = await mkdtemp(path.join(os.tmpdir(), 'slashdock-repo-'));
    this.workTrees.set(name, workTree);
    runGit(['init', '--quiet', '--initial-branch=main'], workTree);
    runGit(['init', '--quiet', '--bare', '--initial-branch=main', `${name}.git`], this.root);
    runGit(['remote', 'add', 'origin', path.join(this.root, `${name}.git`)], workTree);
    return this.commit(name, files);
  }

  /**
   * Adds a commit with the given files (a null content deletes the file) to
   * `main` of a repository made by `createRepository`, optionally tags it,
   * and returns its SHA.
   */
  async commit(
    name: string,
    files: Record<string, string | Buffer | null>,
    options: { tag?: string; message?: string } = {},
  ): Promise<string> {
    const workTree = this.workTrees.get(name);
    if (workTree === undefined) {
      throw new Error(`No repository named ${name}; create it first.`);
    }

    for (const [file, content] of Object.entries(files)) {
      const target = path.join(workTree, file);
      if (content === null) {
        await rm(target, { force: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    runGit(['add', '--all'], workTree);
    runGit(
      ['commit', '--quiet', '--allow-empty', '--message', options.message ?? 'Update'],
      workTree,
    );
    if (options.tag !== undefined) {
      runGit(['tag', options.tag], workTree);
    }
    runGit(['push', '--quiet', '--tags', 'origin', 'main'], workTree);
    return runGit(['rev-parse', 'HEAD'], workTree).trim();
  }
}
