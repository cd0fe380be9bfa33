import { describe, expect, it } from 'vitest';
import { maskCommandText } from '../../src/audit/mask-command-text.js';
import { maskSecrets } from '../../src/format/secret-patterns.js';

describe('maskSecrets', () => {
  it.each([
    ['bot token', 'token xoxb-1234567890-abcdefghij', 'xoxb-1234567890'],
    ['app token', 'xapp-1-A0123-4567-abcdef0123', 'xapp-1-A0123'],
    ['GitHub token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_abcdefghij'],
    ['fine-grained PAT', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'github_pat_11ABCDEFG'],
    ['GitLab token', 'glpat-abcdefghij0123456789', 'glpat-abcdefghij'],
    ['AWS key ID', 'AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'AWS secret',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'wJalrXUtnFEMI',
    ],
    ['URL password', 'https://deploy:hunter2@git.example.test/a/b', 'hunter2'],
    ['URL token', 'https://ghx-0123456789@github.com/a/b', 'ghx-0123456789'],
  ])('masks a %s', (_name, text, secret) => {
    expect(maskSecrets(text)).not.toContain(secret);
  });

  it('keeps ordinary text', () => {
    expect(maskSecrets('Step 4/9 : RUN npm ci --prefix=/app')).toBe(
      'Step 4/9 : RUN npm ci --prefix=/app',
    );
  });
});

describe('maskCommandText', () => {
  it.each([
    [
      '--build-arg TOKEN=abc123 https://github.com/a/b',
      '--build-arg TOKEN=**** https://github.com/a/b',
    ],
    ['--build-arg=TOKEN=abc123 x', '--build-arg=TOKEN=**** x'],
    ['run -e PASSWORD=hunter2 busybox', 'run -e PASSWORD=**** busybox'],
    ['run -ePASSWORD=hunter2 busybox', 'run -ePASSWORD=**** busybox'],
    ['run --env=A=b=c busybox', 'run --env=A=**** busybox'],
    ['run -e "A=two words" busybox', 'run -e A=**** busybox'],
    ['build -t api:dev https://github.com/a/b', 'build -t api:dev https://github.com/a/b'],
  ])('masks %s', (text, expected) => {
    expect(maskCommandText(text)).toBe(expected);
  });

  it('masks values in text that does not parse', () => {
    expect(maskCommandText('run -e "PASSWORD=hunter2')).not.toContain('hunter2');
  });

  it('masks tokens anywhere', () => {
    expect(maskCommandText('build https://github.com/a/b xoxb-1234567890-abcdef')).not.toContain(
      '1234567890',
    );
  });
});
