import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.js';
import { FakeHostResolver } from '../helpers/fake-host-resolver.js';
import { useGitShim } from '../helpers/git-shim.js';
import { RecordingDocker } from '../helpers/recording-docker.js';

/** One slash-command text that must be rejected in the acknowledgement itself. */
interface RejectionCase {
  category: string;
  label: string;
  text: string;
  /** Part of the rejection text that names what is wrong. */
  expected: string;
  /** Values the rejection must not repeat, such as credentials. */
  hidden?: readonly string[];
}

interface SlashCommandAnswer {
  response_type?: string;
  text?: string;
}

/** Shaped like a GitHub token, so that maskSecrets and the URL checks treat it as one. */
const githubToken = ['ghp', 'T0kenT0kenT0kenT0ken12345'].join('_');
const repo = 'https://github.com/a/b';
const env = { SLASHDOCK_REPO_ALLOW: 'github.com,127.0.0.1', SLASHDOCK_ALLOW_INSECURE_GIT: 'false' };

function parseAnswer(text: string): SlashCommandAnswer {
  return text === '' ? {} : (JSON.parse(text) as SlashCommandAnswer);
}

function table(
  category: string,
  rows: readonly [label: string, text: string, expected: string, hidden?: readonly string[]][],
): RejectionCase[] {
  return rows.map(([label, text, expected, hidden]) => ({
    category,
    label,
    text,
    expected,
    ...(hidden === undefined ? {} : { hidden }),
  }));
}

const rejectedAtAck: RejectionCase[] = [
  ...table('option injection', [
    [
      'upload-pack flag',
      `build --upload-pack=touch\${IFS}/tmp/x ${repo}`,
      'Unknown flag: --upload-pack.',
    ],
    ['ssh -o flag', 'build -oProxyCommand=id github.com/a/b', 'Unknown flag: -o.'],
    ['flag as ssh host', 'build ssh://-oProxyCommand=id/a/b', 'cannot start with "-"'],
    [
      'flag as ssh user',
      'build ssh://-oProxyCommand=id@github.com/a/b',
      'not a plain account name',
    ],
    ['flag as scp host', 'build git@-oProxyCommand:a/b', 'are not allowed'],
    ['flag after double dash', 'build -- -oProxyCommand=id', 'cannot start with "-"'],
    ['upload-pack as ref', `build ${repo}#--upload-pack=id`, 'The ref after "#"'],
    ['ref starting with dash', `build ${repo}#-x:web`, 'The ref after "#"'],
    ['scp ref with dash', 'build git@github.com:a/b.git#-x', 'The ref after "#"'],
  ]),
  ...table('transport', [
    ['file URL', 'build file:///etc/passwd', 'The scheme "file" is not allowed'],
    ['file URL with host', 'build FILE://localhost/etc', 'The scheme "file" is not allowed'],
    ['ext transport', 'build ext::git-upload-pack', 'The scheme "ext" is not allowed'],
    ['ext with command', "build 'ext::sh -c id'", 'control or invisible formatting characters'],
    ['fd transport', 'build fd::17', 'The scheme "fd" is not allowed'],
    ['plain http', 'build http://github.com/a/b', 'not encrypted'],
    ['git protocol', 'build git://github.com/a/b', 'not encrypted'],
  ]),
  ...table('local path', [
    ['absolute path', 'build /etc', 'Local paths cannot be built'],
    ['bare git folder', 'build /tmp/repo.git', 'Local paths cannot be built'],
    ['current folder', 'build ./x', 'Local paths cannot be built'],
    ['parent folder', 'build ../x', 'Local paths cannot be built'],
    ['home folder', 'build ~/x', 'Local paths cannot be built'],
  ]),
  ...table('credentials', [
    [
      'user and password',
      'build https://user:pass@github.com/a/b',
      'contains credentials',
      ['user:pass'],
    ],
    [
      'token as user',
      `build https://${githubToken}@github.com/a/b`,
      'contains credentials',
      [githubToken],
    ],
    [
      'token as password',
      `build https://x-access-token:${githubToken}@github.com/a/b`,
      'contains credentials',
      [githubToken],
    ],
    ['ssh password', 'build ssh://git:hunter2@github.com/a/b', 'contains credentials', ['hunter2']],
    ['encoded slash user', 'build https://github.com%2F@evil.example/a/b', 'contains credentials'],
  ]),
  ...table('host allowlist', [
    [
      'unknown host',
      'build https://evil.example/a/b',
      'Repositories on evil.example are not allowed',
    ],
    [
      'allowed host prefix',
      'build https://github.com.evil.example/a/b',
      'Repositories on github.com.evil.example',
    ],
    [
      'scp-like host',
      'build git@evil.example:a/b.git',
      'Repositories on evil.example are not allowed',
    ],
    [
      'trailing dot',
      'build https://github.com./a/b',
      'Repositories on github.com. are not allowed',
    ],
    [
      'host before fragment',
      'build https://evil.example#@github.com/a/b',
      'Repositories on evil.example',
    ],
    [
      'backslash authority',
      "build 'https://evil.example\\@github.com/a/b'",
      'Repositories on evil.example',
    ],
    ['localhost', 'build https://localhost/a/b', 'Repositories on localhost are not allowed'],
  ]),
  ...table('IP literal', [
    ['metadata address', 'build https://169.254.169.254/latest', 'Repositories on 169.254.169.254'],
    ['metadata in hex', 'build https://0xa9fea9fe/latest', 'Repositories on 169.254.169.254'],
    ['metadata over ssh', 'build git@169.254.169.254:a/b.git', 'Repositories on 169.254.169.254'],
    ['private IPv4', 'build https://10.0.0.7/a/b', 'Repositories on 10.0.0.7 are not allowed'],
    ['other loopback', 'build https://127.0.0.2/a/b', 'Repositories on 127.0.0.2 are not allowed'],
    ['unspecified address', 'build https://0.0.0.0/a/b', 'Repositories on 0.0.0.0 are not allowed'],
    ['IPv6 loopback', 'build https://[::1]/a/b', 'Repositories on [::1] are not allowed'],
    ['IPv4-mapped IPv6', 'build https://[::ffff:127.0.0.1]/a/b', 'Repositories on [::ffff:7f00:1]'],
    [
      'IPv6 unique local',
      'build https://[fd00::1]/a/b',
      'Repositories on [fd00::1] are not allowed',
    ],
  ]),
  ...table('tag', [
    ['shell command', `build -t 'a;rm -rf /' ${repo}`, 'is not a valid tag'],
    ['upper case', `build -t UPPER ${repo}`, 'is not a valid tag'],
    ['tag with digest', `build -t app:latest@sha256:x ${repo}`, 'is not a valid tag'],
    ['leading dash', `build -t -x ${repo}`, 'is not a valid tag'],
    ['leading dot', `build -t app:.tag ${repo}`, 'is not a valid tag'],
    ['empty name', `build -t :tag ${repo}`, 'the name is empty'],
    ['NUL inside', `build -t 'a\u0000b' ${repo}`, 'is not a valid tag'],
  ]),
  ...table('Dockerfile path', [
    ['parent folder', `build -f ../Dockerfile ${repo}`, 'is not a path inside the build context'],
    ['absolute path', `build -f /etc/passwd ${repo}`, 'is not a path inside the build context'],
    [
      'nested parent',
      `build -f a/../../Dockerfile ${repo}`,
      'is not a path inside the build context',
    ],
    [
      'backslash parent',
      `build -f '..\\Dockerfile' ${repo}`,
      'is not a path inside the build context',
    ],
  ]),
  ...table('build-arg', [
    [
      'no equals sign',
      `build --build-arg NPM_TOKEN_s3cr3tvalue ${repo}`,
      'needs KEY=VALUE',
      ['NPM_TOKEN_s3cr3tvalue'],
    ],
    ['bare token', `build --build-arg ${githubToken} ${repo}`, 'needs KEY=VALUE', [githubToken]],
    ['key with digit first', `build --build-arg 1BAD=x ${repo}`, '"1BAD" is not'],
    ['key with space', `build --build-arg 'A B=x' ${repo}`, '"A B" is not'],
    ['substitution as key', `build --build-arg '$(id)=x' ${repo}`, '"$(id)" is not'],
  ]),
  ...table('target', [
    ['double dash stage', `build --target '--foo' ${repo}`, 'is not a valid stage name'],
    ['semicolon stage', `build --target 'a;id' ${repo}`, 'is not a valid stage name'],
    ['inline dash stage', `build --target=-x ${repo}`, 'is not a valid stage name'],
    ['substitution stage', `build --target '$(id)' ${repo}`, 'is not a valid stage name'],
  ]),
  ...table('shell syntax', [
    ['semicolon in ref', `build ${repo}#main;id`, 'The ref after "#"'],
    ['pipe in command', 'deploy|sh', 'Unknown command "deploy|sh"'],
    ['and-and after ps', 'ps && id', 'ps takes no arguments'],
    ['substitution in query', `build ${repo}?x=$(id)`, 'query string'],
    ['substitution in ref', `build ${repo}#$(id)`, 'The ref after "#"'],
    ['substitution as image', "run '$(id)'", 'is not a valid image reference'],
    ['backticks in tag', `build -t \`id\` ${repo}`, 'is not a valid tag'],
    ['backticks in ref', `build ${repo}#\`id\``, 'The ref after "#"'],
    ['backticks as container', 'logs `id`', 'is not a container name'],
    ['redirect in name', "run --name 'x>y' busybox", 'is not a valid container name'],
  ]),
  ...table('length', [
    ['5,000 characters', `build ${'a'.repeat(4_994)}`, '5000 characters long'],
    ['long image name', `run ${'a'.repeat(300)}`, 'longer than 255 characters'],
    ['long tag', `build -t ${'a'.repeat(3_000)} ${repo}`, 'is not a valid tag'],
    ['long command name', 'y'.repeat(3_500), 'Unknown command'],
  ]),
  ...table('control characters', [
    ['NUL in ref', `build ${repo}#main\u0000`, 'The ref after "#"'],
    ['NUL in folder', `build ${repo}#main:web\u0000`, 'The folder after ":"'],
    ['escape sequence', `build ${repo}\u001b[31m`, 'control or invisible formatting characters'],
    ['bell', `build ${repo}\u0007`, 'control or invisible formatting characters'],
    ['carriage return', `build '${repo}\rX'`, 'control or invisible formatting characters'],
    ['delete', `build ${repo}\u007f`, 'control or invisible formatting characters'],
    ['terminal title', '\u001b]0;pwned\u0007ps', 'Unknown command'],
  ]),
  ...table('look-alike', [
    ['em dash flag', `build \u2014tag x ${repo}`, 'takes exactly one git repository URL'],
    ['fullwidth hyphen flag', `build \uff0dt x ${repo}`, 'takes exactly one git repository URL'],
    ['Cyrillic i in host', 'build https://g\u0456thub.com/a/b', 'Repositories on xn--'],
    ['Cyrillic o in host', 'build https://github.c\u043em/a/b', 'Repositories on github.xn--'],
    [
      'zero-width joiner host',
      'build https://git\u200dhub.com/a/b',
      'invisible formatting characters',
    ],
    ['RLO in host', 'build https://github.com\u202e/a/b', 'invisible formatting characters'],
    ['RLO before URL', `build \u202e${repo}`, 'invisible formatting characters'],
    ['zero-width joiner command', `bu\u200dild ${repo}`, 'Unknown command'],
    ['fullwidth command', `\uff42uild ${repo}`, 'Unknown command'],
    [
      'fullwidth scheme',
      'build \uff48\uff54\uff54\uff50\uff53://github.com/a/b',
      'are not allowed',
    ],
    ['zero-width joiner ref', `build ${repo}#ma\u200din`, 'The ref after "#"'],
    ['Cyrillic image', 'run b\u0430sybox', 'is not a valid image reference'],
    ['Cyrillic container', 'logs w\u0435b', 'is not a container name'],
  ]),
  ...table('Slack markup', [
    ['escaped angle link', 'build &lt;https://github.com/a/b&gt;', 'not a valid repository URL'],
    ['escaped and-and ref', `build ${repo}#main&amp;&amp;id`, 'The ref after "#"'],
    ['escaped redirect tag', `build -t a&gt;b ${repo}`, 'is not a valid tag'],
    ['escaped mention tag', `build -t &lt;!channel&gt; ${repo}`, 'is not a valid tag'],
    [
      'link label spoof',
      `build <https://evil.example/a/b|${repo}>`,
      'Repositories on evil.example',
    ],
    [
      'mailto label spoof',
      'build <mailto:git@evil.example|git@evil.example>:a/b.git',
      'Repositories on evil.example',
    ],
    ['mailto link', 'build <mailto:x@github.com>', 'The scheme "mailto" is not allowed'],
    ['user mention URL', 'build <@U1>', 'Repositories on u1 are not allowed'],
    ['channel mention URL', 'build <!channel>', 'Repositories on channel are not allowed'],
    ['channel link URL', 'build <#C1|general>', 'The repository URL is empty'],
    ['mention as command', '<@U1>', 'Unknown command "@U1"'],
    ['here as command', '<!here|here>', 'Unknown command "here"'],
  ]),
  ...table('unknown name', [
    ['exec command', 'exec web sh', 'Unknown command "exec"'],
    ['pull command', 'pull busybox', 'Unknown command "pull"'],
    ['build squash flag', `build --squash ${repo}`, 'Unknown flag: --squash.'],
    ['run privileged flag', 'run --privileged busybox', 'Unknown flag: --privileged.'],
    ['run volume flag', 'run -v /:/host busybox', 'Unknown flag: -v.'],
    ['run network flag', 'run --network host busybox', 'Unknown flag: --network.'],
    ['boolean with value', 'ps --all-owners=yes', 'takes true or false'],
    ['help flag', 'help --x', 'Unknown flag: --x.'],
  ]),
  ...table('run', [
    ['upper-case image', 'run UPPER', 'is not a valid image reference'],
    ['short digest', 'run busybox@sha256:x', 'the digest must look like'],
    ['image with dash', 'run -- -x', 'is not a valid image reference'],
    ['name with semicolon', "run --name 'a;b' busybox", 'is not a valid container name'],
    ['name with path', 'run --name ../x busybox', 'is not a valid container name'],
    ['memory bad unit', 'run -m 1q busybox', 'is not a valid --memory value'],
    ['memory over maximum', 'run -m 999g busybox', 'above the maximum'],
    ['memory below minimum', 'run -m 1k busybox', 'below the Docker minimum'],
    ['negative memory', 'run --memory -1m busybox', 'is not a valid --memory value'],
    ['zero CPUs', 'run --cpus 0 busybox', 'is not a valid --cpus value'],
    ['timeout over maximum', 'run --timeout 99h busybox', 'above the maximum'],
    ['zero timeout', 'run --timeout 0s busybox', 'must be longer than 0'],
    ['timeout without unit', 'run --timeout 10 busybox', 'is not a valid --timeout'],
    ['timeout in days', 'run --timeout 1d busybox', 'is not a valid --timeout'],
    [
      'env without equals',
      'run -e SUPERSECRETVALUE busybox',
      'needs KEY=VALUE',
      ['SUPERSECRETVALUE'],
    ],
    ['env glued value', 'run -eHUNTER2VALUE busybox', 'needs KEY=VALUE', ['HUNTER2VALUE']],
    ['env bare token', `run --env=${githubToken} busybox`, 'needs KEY=VALUE', [githubToken]],
    ['env key digit first', 'run -e 1KEY=v busybox', 'the key of variable 1 is not'],
    ['empty command word', "run busybox ''", 'empty word'],
  ]),
  ...table('logs', [
    ['semicolon container', "logs 'web;id'", 'is not a container name'],
    ['path container', 'logs ../x', 'is not a container name'],
    ['zero tail', 'logs web --tail 0', 'is not a valid --tail'],
    ['huge tail', 'logs web --tail 99999', 'is not a valid --tail'],
    ['since in days', 'logs web --since 1d', 'is not a valid --since'],
  ]),
  ...table('stop rm rmi', [
    ['negative stop time', 'stop -t -1 web', 'takes whole seconds'],
    ['stop time over maximum', 'stop -t 601 web', 'takes whole seconds'],
    ['stop time as word', 'stop --time=soon web', 'takes whole seconds'],
    ['stop two containers', 'stop a b', 'stop takes one container'],
    ['rm volumes value', 'rm --volumes=maybe web', 'takes true or false'],
    ['rm unknown flag', 'rm --link web', 'Unknown flag: --link.'],
    ['rmi force value', 'rmi --force=nope x', 'takes true or false'],
    ['rmi two images', 'rmi a b', 'rmi takes one image'],
  ]),
  ...table('listing', [
    ['page zero', 'ps --page 0', 'takes a page number from 1'],
    ['page exponent', 'images --page 1e3', 'takes a page number from 1'],
  ]),
];

const gitShim = useGitShim();

describe('test doubles', () => {
  it('git shim replaces git', async () => {
    const run = promisify(execFile)('git', ['--version'], { env: { PATH: process.env.PATH } });

    await expect(run).rejects.toThrow();
    expect(await gitShim.calls()).toEqual(['--version']);
    await gitShim.clear();
  });

  it('recording daemon records requests', async () => {
    const daemon = new RecordingDocker();
    await daemon.start();
    try {
      await expect(daemon.dockerClient().ping()).rejects.toThrow('no calls expected');
      expect(daemon.requests.map((request) => request.path)).toEqual(['/_ping']);
    } finally {
      await daemon.stop();
    }
  });
});

describe('hostile input rejected at acknowledgement', () => {
  const recording = new RecordingDocker();
  const resolver = new FakeHostResolver();
  let harness: AppHarness;

  beforeAll(async () => {
    await recording.start();
    harness = await startAppHarness({
      docker: recording.dockerClient(),
      resolveHost: resolver.resolve,
      env,
    });
  });

  afterAll(async () => {
    await harness.stop();
    await recording.stop();
  });

  it('table has enough cases', () => {
    expect(rejectedAtAck.length).toBeGreaterThanOrEqual(60);
  });

  const namedRejections = rejectedAtAck.map(
    (rejection) => [`${rejection.category}: ${rejection.label}`, rejection] as const,
  );

  it.each(namedRejections)('%s', async (_name, { text, expected, hidden = [] }) => {
    const answer = await harness.send(text);
    const body = parseAnswer(answer.text);

    expect(answer.status).toBe(200);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(expected);
    for (const secret of hidden) {
      expect(body.text).not.toContain(secret);
    }
  });

  it('rejected input started nothing', async () => {
    await harness.app.jobs.idle();

    expect(recording.requests).toEqual([]);
    expect(await gitShim.calls()).toEqual([]);
    expect(resolver.lookups).toEqual([]);
    // Bolt calls auth.test to authorize each request. No other call may reach Slack.
    expect(harness.slack.calls.filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('log lines omit credentials', () => {
    const log = harness.logLines().join('\n');

    for (const secret of rejectedAtAck.flatMap((rejection) => rejection.hidden ?? [])) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('hostile input accepted at acknowledgement', () => {
  const recording = new RecordingDocker();
  const resolver = new FakeHostResolver();
  let harness: AppHarness;

  beforeAll(async () => {
    await recording.start();
    harness = await startAppHarness({
      docker: recording.dockerClient(),
      resolveHost: resolver.resolve,
      env,
    });
  });

  afterAll(async () => {
    await harness.stop();
    await recording.stop();
  });

  const gaps: readonly [label: string, text: string, hidden: readonly string[]][] = [
    // rm and rmi have no validate step and stop checks only --time, so any name is acknowledged and sent to Docker.
    ['rm semicolon name', "rm 'web;id'", []],
    ['rm Cyrillic name', 'rm w\u0435b', []],
    ['stop semicolon name', "stop 'web;id'", []],
    ['rmi upper-case reference', 'rmi UPPER:tag', []],
    ['rmi substitution reference', "rmi '$(id)'", []],
    // An ssh user name is not checked for credential shapes, so the token would reach git and the image's source label.
    ['token as scp user', `build ${githubToken}@github.com:a/b.git`, [githubToken]],
    ['token as ssh user', `build ssh://${githubToken}@github.com/a/b`, [githubToken]],
    // The path of an scp-like URL may start with "-", although the URL check rejects a leading "-" in user and host names.
    ['scp path with dash', 'build git@github.com:-oProxyCommand=id', []],
    // Only \p{Cc} is rejected, so format characters (RLO, ZWJ) pass in the path and folder.
    ['RLO in path', `build ${repo}\u202e`, []],
    ['zero-width joiner path', `build ${repo}\u200d`, []],
    ['RLO in folder', `build ${repo}#main:web\u202e`, []],
    // Control characters are checked before percent-decoding, so %0A and %1B reach the repository identity.
    ['encoded newline path', `build ${repo}%0Aid`, []],
    ['encoded escape path', `build ${repo}%1B%5B31m`, []],
  ];

  gaps.forEach(([label, text, hidden], index) => {
    it(`rejects ${label}`, async () => {
      const answer = await harness.send(text, { channelId: `C0GAP${index}` });
      const body = parseAnswer(answer.text);

      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toBeTruthy();
      for (const secret of hidden) {
        expect(body.text).not.toContain(secret);
      }
    });
  });
});

describe('internal hosts rejected after acknowledgement', () => {
  const recording = new RecordingDocker();
  const resolver = new FakeHostResolver(
    new Map([
      ['metadata.test', ['169.254.169.254']],
      ['private.test', ['10.0.0.7']],
      ['loopback.test', ['::1']],
      ['ula.test', ['fd00::1']],
      ['mapped.test', ['::ffff:127.0.0.1']],
      ['mixed.test', ['192.0.2.10', '10.0.0.7']],
      ['empty.test', []],
    ]),
  );
  let harness: AppHarness;
  let gitCallsBefore = 0;

  beforeAll(async () => {
    gitCallsBefore = (await gitShim.calls()).length;
    await recording.start();
    harness = await startAppHarness({
      docker: recording.dockerClient(),
      resolveHost: resolver.resolve,
      env: {
        ...env,
        SLASHDOCK_REPO_ALLOW:
          'metadata.test,private.test,loopback.test,ula.test,mapped.test,mixed.test,empty.test,nowhere.test,10.0.0.7',
      },
    });
  });

  afterAll(async () => {
    await harness.stop();
    await recording.stop();
  });

  /** Text of the newest status message posted or updated in a channel. */
  function finalStatus(channelId: string): string | undefined {
    return harness.slack.calls
      .filter(
        (call) =>
          (call.method === 'chat.postMessage' || call.method === 'chat.update') &&
          call.args.channel === channelId &&
          call.args.thread_ts === undefined,
      )
      .map((call) => String(call.args.text))
      .at(-1);
  }

  it.each([
    ['metadata address', 'metadata.test', 'resolves to an internal address'],
    ['private IPv4', 'private.test', 'resolves to an internal address'],
    ['IPv6 loopback', 'loopback.test', 'resolves to an internal address'],
    ['IPv6 unique local', 'ula.test', 'resolves to an internal address'],
    ['IPv4-mapped loopback', 'mapped.test', 'resolves to an internal address'],
    ['one internal address', 'mixed.test', 'resolves to an internal address'],
    ['no addresses', 'empty.test', 'resolves to an internal address'],
    ['unresolvable name', 'nowhere.test', 'could not be resolved'],
  ])('%s is rejected', async (_label, host, expected) => {
    const channelId = `C0${host.replace(/\W/g, '').toUpperCase()}`;

    const answer = await harness.send(`build https://${host}/acme/api`, { channelId });
    await harness.app.jobs.idle();

    expect(answer.text).toBe('');
    expect(finalStatus(channelId)).toContain(expected);
    expect(resolver.lookups).toContain(host);
  });

  it('allowlisted private literal rejected', async () => {
    const channelId = 'C0PRIVATELITERAL';
    const lookupsBefore = resolver.lookups.length;

    const answer = await harness.send('build https://10.0.0.7/acme/api', { channelId });
    await harness.app.jobs.idle();

    expect(answer.text).toBe('');
    expect(finalStatus(channelId)).toContain('10.0.0.7 is an internal address');
    expect(resolver.lookups).toHaveLength(lookupsBefore);
  });

  it('internal hosts started nothing', async () => {
    await harness.app.jobs.idle();

    expect((await gitShim.calls()).slice(gitCallsBefore)).toEqual([]);
    expect(recording.requests).toEqual([]);
    expect(new Set(resolver.lookups)).toEqual(
      new Set([
        'metadata.test',
        'private.test',
        'loopback.test',
        'ula.test',
        'mapped.test',
        'mixed.test',
        'empty.test',
        'nowhere.test',
      ]),
    );
  });
});
