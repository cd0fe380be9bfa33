import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabel } from '../../src/docker/labels.js';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { removeImagesBuiltFor } from '../helpers/docker-cleanup.js';
import { GitHttpServer } from '../helpers/git-http-server.js';

const teamId = `TOPTIONS${Date.now()}`;
const buildArgSecret = 's3cr3t-build-arg-value-42';

describe('/docker build options and sources', () => {
  let harness: AppHarness;
  let git: GitHttpServer;
  let firstCommit: string;
  let secondCommit: string;

  beforeAll(async () => {
    git = new GitHttpServer();
    await git.start();

    firstCommit = await git.createRepository('versions', {
      Dockerfile: 'FROM busybox\nRUN echo one > /version\n',
    });
    secondCommit = await git.commit(
      'versions',
      {
        Dockerfile: 'FROM busybox\nRUN echo two > /version\n',
        'services/web/Dockerfile': 'FROM busybox\nRUN echo web > /service\n',
      },
      { tag: 'v2.0.0' },
    );
    await git.commit('versions', { 'services/web/Dockerfile': null, Dockerfile: 'FROM busybox\n' });

    await git.createRepository('multi-stage', {
      Dockerfile: [
        'ARG BASE=busybox',
        'FROM ${BASE} AS builder',
        'RUN mkdir /out && echo compiled > /out/app',
        'FROM ${BASE} AS runtime',
        'COPY --from=builder /out/app /app',
        'RUN test "$(cat /app)" = compiled',
        'FROM runtime AS debug',
        'RUN echo debug > /debug',
        '',
      ].join('\n'),
    });
    await git.createRepository('custom-file', {
      'docker/Dockerfile.prod': 'FROM busybox\nCOPY app.txt /app.txt\n',
      'app.txt': 'hello\n',
    });
    await git.createRepository('ignored', {
      '.dockerignore': 'big/\n*.bin\n!keep.bin\n',
      'big/blob.dat': Buffer.alloc(6 * 1024 * 1024),
      'drop.bin': 'dropped\n',
      'keep.bin': 'kept\n',
      Dockerfile: [
        'FROM busybox',
        'COPY . /ctx',
        'RUN test -f /ctx/keep.bin',
        'RUN test ! -e /ctx/drop.bin',
        'RUN test ! -e /ctx/big',
        '',
      ].join('\n'),
    });
    await git.createRepository('secret-arg', {
      Dockerfile: 'FROM busybox\nARG TOKEN\nRUN echo "the token is $TOKEN"\n',
    });
    await git.createRepository('long-line', {
      Dockerfile: 'FROM busybox\nRUN head -c 100000 /dev/zero | tr "\\0" x; echo\n',
    });
    await git.createRepository('syntax-error', {
      Dockerfile: 'FROM busybox\nNOTANINSTRUCTION foo\n',
    });
    await git.createRepository('missing-base', {
      Dockerfile: 'FROM slashdock-test/no-such-image:1.0\nRUN true\n',
    });

    harness = await startAppHarness({
      env: { SLASHDOCK_REPO_ALLOW: '127.0.0.1', SLASHDOCK_ALLOW_INSECURE_GIT: 'true' },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await git.stop();
    await removeImagesBuiltFor(harness.docker, teamId);
  });

  async function build(text: string): Promise<string> {
    await harness.send(`build ${text}`, { teamId });
    await harness.app.jobs.idle();
    return harness.slack.statusTexts().at(-1) ?? '';
  }

  async function fileInImage(tag: string, file: string): Promise<string> {
    const container = await harness.docker.createContainer({
      Image: tag,
      Cmd: ['cat', file],
      HostConfig: { NetworkMode: 'none' },
      Labels: { 'slashdock.team': teamId },
    });
    try {
      await container.start();
      await container.wait();
      const logs = await container.logs({ stdout: true, stderr: false });
      // Log frames start with an 8-byte header per chunk; the files here are one short line.
      return logs.subarray(8).toString('utf8').trim();
    } finally {
      await container.remove({ force: true });
    }
  }

  it('builds a tag with #tag:subdir', async () => {
    const status = await build(`-t web:tagged ${git.url('versions')}#v2.0.0:services/web`);

    expect(status).toContain(':white_check_mark: Built `web:tagged`');
    expect(await fileInImage('web:tagged', '/service')).toBe('web');
  });

  it('builds a full commit SHA', async () => {
    await build(`-t versions:first ${git.url('versions')}#${firstCommit}`);

    expect(await fileInImage('versions:first', '/version')).toBe('one');
  });

  it('builds a short commit SHA', async () => {
    await build(`-t versions:second ${git.url('versions')}#${secondCommit.slice(0, 8)}`);

    expect(await fileInImage('versions:second', '/version')).toBe('two');
  });

  it('labels the image with ref and revision', async () => {
    const image = await harness.docker.getImage('versions:second').inspect();

    expect(readLabel(image.Config.Labels, 'org.opencontainers.image.revision')).toBe(secondCommit);
    expect(readLabel(image.Config.Labels, 'slashdock.git-ref')).toBe(secondCommit.slice(0, 8));
    expect(readLabel(image.Config.Labels, 'org.opencontainers.image.source')).toBe(
      git.url('versions'),
    );
  });

  it('applies every -t tag', async () => {
    await build(`-t multi:one --tag multi:two ${git.url('multi-stage')}`);
    const image = await harness.docker.getImage('multi:one').inspect();

    expect(image.RepoTags).toContain('multi:two');
  });

  it('builds multi-stage with ARG before FROM', async () => {
    const status = await build(`-t multi:runtime --target runtime ${git.url('multi-stage')}`);

    expect(status).toContain(':white_check_mark:');
  });

  it('stops at the --target stage', async () => {
    const history = (await harness.docker.getImage('multi:runtime').history()) as {
      CreatedBy: string;
    }[];
    const commands = history.map((layer) => layer.CreatedBy).join('\n');

    expect(commands).not.toContain('echo debug');
  });

  it('uses a Dockerfile from -f', async () => {
    await build(`-t custom:prod -f docker/Dockerfile.prod ${git.url('custom-file')}`);

    expect(await fileInImage('custom:prod', '/app.txt')).toBe('hello');
  });

  it('honours .dockerignore with an exception', async () => {
    const status = await build(`-t ignored:ok ${git.url('ignored')}`);

    expect(status).toContain(':white_check_mark:');
  });

  it('reports the context size without the ignored file', () => {
    const contextReply = harness.slack
      .threadReplies()
      .filter((text) => text.startsWith('Sending the build context'))
      .at(-1);

    expect(contextReply).toMatch(/files, \d+(\.\d+)?(B|kB)\.$/);
  });

  it('keeps build-arg values out of Slack', async () => {
    await build(`-t secret:arg --build-arg TOKEN=${buildArgSecret} ${git.url('secret-arg')}`);
    const everything = JSON.stringify(harness.slack.calls);

    expect(everything).not.toContain(buildArgSecret);
  });

  it('masks build-arg values in the log file', () => {
    const log = harness.slack.uploadedFiles().find((file) => file.includes('the token is'));

    expect(log).toContain('the token is ****');
  });

  it('keeps build-arg values out of logs and labels', async () => {
    const image = await harness.docker.getImage('secret:arg').inspect();

    expect(harness.logLines().join('\n')).not.toContain(buildArgSecret);
    expect(JSON.stringify(image.Config.Labels)).not.toContain(buildArgSecret);
  });

  it('survives a 100,000-character output line', async () => {
    const status = await build(`-t long:line ${git.url('long-line')}`);
    const log = harness.slack.uploadedFiles().at(-1) ?? '';

    expect(status).toContain(':white_check_mark:');
    expect(log).toContain('x'.repeat(100_000));
  });

  it('reports a Dockerfile syntax error', async () => {
    const status = await build(git.url('syntax-error'));

    expect(status).toContain(':x: Build of');
    expect(status).toContain('unknown instruction');
  });

  it('reports a missing base image', async () => {
    const status = await build(git.url('missing-base'));

    expect(status).toContain('The base image `slashdock-test/no-such-image:1.0` was not found');
  });

  it('reports a ref that does not exist', async () => {
    const status = await build(`${git.url('versions')}#no-such-branch`);

    expect(status).toContain('The ref "no-such-branch" was not found');
  });

  it('reports a subfolder that does not exist', async () => {
    const status = await build(`${git.url('versions')}#main:no/such/folder`);

    expect(status).toContain('The folder "no/such/folder" does not exist');
  });

  it('reports an unreachable repository host', async () => {
    const status = await build('http://127.0.0.1:9/acme/api.git');

    expect(status).toContain('Could not reach http://127.0.0.1:9/acme/api.git');
  });

  it('rejects an invalid tag before building', async () => {
    const answer = await harness.send(`build -t Bad:Name ${git.url('versions')}`, { teamId });

    expect(answer.text).toContain('is not a valid tag');
  });
});
