import { describe, expect, it } from 'vitest';
import {
  checkAccess,
  type AccessPolicy,
  type AccessRequest,
} from '../../src/policy/access-policy.js';
import { compileGlob } from '../../src/policy/glob-pattern.js';
import { parsePolicy } from '../../src/policy/policy-file.js';

const open: AccessPolicy = {
  allowedChannels: [],
  allowedUsers: [],
  admins: ['UADMIN'],
  adminCommands: [],
  repoPatterns: undefined,
  imagePatterns: undefined,
  rules: undefined,
};

function request(fields: Partial<AccessRequest> = {}): AccessRequest {
  return {
    userId: 'UDEV',
    channelId: 'CBUILDS',
    command: 'build',
    repos: [],
    images: [],
    ...fields,
  };
}

const policyText = `channels:
  CBUILDS:
    commands: [build, ps]
    repos: ["github.com/acme/*"]
    images: ["acme/**", "busybox"]
  "*":
    commands: [help]
`;
const commandNames = ['build', 'ps', 'images', 'help', 'run', 'rm'];

describe('checkAccess', () => {
  it('allows everything by default', () => {
    expect(checkAccess(request(), open).allowed).toBe(true);
  });

  it.each([
    [
      'channel not allowed',
      { ...open, allowedChannels: ['COTHER'] },
      request(),
      'not enabled in this channel',
    ],
    [
      'user not allowed',
      { ...open, allowedUsers: ['UOTHER'] },
      request(),
      'not on the list of Slashdock users',
    ],
    [
      'admin-only command',
      { ...open, adminCommands: ['build'] },
      request(),
      'for Slashdock admins only',
    ],
    [
      'repository pattern',
      { ...open, repoPatterns: [compileGlob('github.com/acme/*')] },
      request({ repos: ['github.com/evil/api'] }),
      'github.com/evil/api is not on the list',
    ],
    [
      'image pattern',
      { ...open, imagePatterns: [compileGlob('acme/*')] },
      request({ command: 'run', images: ['busybox'] }),
      'busybox is not on the list of images',
    ],
  ])('denies %s', (_name, policy, accessRequest, reason) => {
    const decision = checkAccess(accessRequest, policy);

    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? '' : decision.reason).toContain(reason);
  });

  it('names the admins who can allow a command', () => {
    const decision = checkAccess(request(), { ...open, adminCommands: ['build'] });

    expect(decision.allowed ? '' : decision.whoCanAllow).toBe('a Slashdock admin (<@UADMIN>)');
  });

  it('lets admins past the user list', () => {
    const decision = checkAccess(request({ userId: 'UADMIN' }), {
      ...open,
      allowedUsers: ['UOTHER'],
    });

    expect(decision.allowed).toBe(true);
  });

  it('keeps admins inside the channel list', () => {
    const decision = checkAccess(request({ userId: 'UADMIN' }), {
      ...open,
      allowedChannels: ['COTHER'],
    });

    expect(decision.allowed).toBe(false);
  });

  describe('with a policy file', () => {
    const policy = { ...open, rules: parsePolicy(policyText, 'policy.yml', commandNames) };

    it.each([
      ['allowed command and repo', request({ repos: ['github.com/acme/api'] }), true],
      ['command not listed', request({ command: 'rm' }), false],
      ['repo outside the pattern', request({ repos: ['github.com/other/api'] }), false],
      ['pattern stops at slash', request({ repos: ['github.com/acme/api/extra'] }), false],
      ['image under double star', request({ command: 'ps', images: ['acme/team/api:1.0'] }), true],
      ['image name any tag', request({ command: 'ps', images: ['busybox:1.36'] }), true],
      ['image not listed', request({ command: 'ps', images: ['alpine'] }), false],
      ['fallback rule allows help', request({ channelId: 'CELSE', command: 'help' }), true],
      ['fallback rule denies build', request({ channelId: 'CELSE' }), false],
    ])('%s', (_name, accessRequest, allowed) => {
      expect(checkAccess(accessRequest, policy).allowed).toBe(allowed);
    });
  });
});

describe('parsePolicy', () => {
  it.each([
    ['bad YAML', 'channels:\n  C1: [\n', 'policy.yml line'],
    ['top-level key', 'users: {}\n', 'line 1: unknown key "users"'],
    [
      'channel ID',
      'channels:\n  general:\n    commands: [ps]\n',
      'line 2: "general" is not a channel ID',
    ],
    [
      'unknown command',
      'channels:\n  C123:\n    commands: [ps, deploy]\n',
      'line 3: unknown command "deploy"',
    ],
    ['rule key', 'channels:\n  C123:\n    users: [U1]\n', 'line 3: unknown key "users"'],
    [
      'list value',
      'channels:\n  C123:\n    repos: github.com/*\n',
      'line 3: "repos" must be a list',
    ],
    ['empty entry', 'channels:\n  C123:\n    images: [""]\n', 'line 3: every entry of "images"'],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parsePolicy(text, 'policy.yml', commandNames)).toThrow(message);
  });

  it('reads JSON too', () => {
    const rules = parsePolicy(
      '{"channels": {"C123": {"commands": ["ps"]}}}',
      'policy.json',
      commandNames,
    );

    expect(rules.get('C123')?.commands).toEqual(['ps']);
  });
});
