import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { maxCommandTextLength, resolveCommand } from '../../src/dispatch.js';
import { SlashdockError, UsageError } from '../../src/errors.js';
import { escapeSlackText } from '../../src/format/slack-escape.js';
import { flagValue, isFlagSet } from '../../src/parser/parse-args.js';

const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
});

function usageErrorFor(text: string): UsageError {
  try {
    resolveCommand(text, commands);
  } catch (error) {
    if (error instanceof UsageError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected resolveCommand to reject ${JSON.stringify(text)}.`);
}

/** Resolves the text, then runs the command's `validate` check with the default config. */
function validationErrorFor(text: string): SlashdockError {
  const { command, args } = resolveCommand(text, commands);
  try {
    command.validate?.(args, config);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected ${command.name} validation to reject ${JSON.stringify(text)}.`);
}

describe('resolveCommand', () => {
  it.each([
    ['empty text', ''],
    ['whitespace only', '  \t '],
  ])('%s gives help', (_case, text) => {
    const { command, args } = resolveCommand(text, commands);

    expect(command.name).toBe('help');
    expect(args.positionals).toEqual([]);
  });

  it('ps with short flag', () => {
    const { command, args } = resolveCommand('ps -a', commands);

    expect(command.name).toBe('ps');
    expect(isFlagSet(args, 'all')).toBe(true);
  });

  it('command name ignores case', () => {
    expect(resolveCommand('PS', commands).command.name).toBe('ps');
  });

  it('help takes one command name', () => {
    const { command, args } = resolveCommand('help build', commands);

    expect(command.name).toBe('help');
    expect(args.positionals).toEqual(['build']);
  });

  it('build unwraps Slack link', () => {
    const { args } = resolveCommand('build <https://github.com/acme/api>', commands);

    expect(args.positionals).toEqual(['https://github.com/acme/api']);
  });

  it('build unwraps Slack mailto link', () => {
    const text = 'build <mailto:git@github.com|git@github.com>:acme/api.git';

    expect(resolveCommand(text, commands).args.positionals).toEqual([
      'git@github.com:acme/api.git',
    ]);
  });

  it('unknown command lists commands', () => {
    const error = usageErrorFor('deploy');

    expect(error.message).toBe('Unknown command "deploy".');
    expect(error.usage).toContain(
      `Commands: ${commands.map((command) => command.name).join(', ')}.`,
    );
  });

  it('unknown ps flag shows ps usage', () => {
    const error = usageErrorFor('ps --bogus');

    expect(error.message).toBe('Unknown flag: --bogus.');
    expect(error.usage).toContain('Usage: /docker ps');
  });

  it('build without URL', () => {
    const error = usageErrorFor('build');

    expect(error.message).toContain('build needs a git repository URL');
    expect(error.usage).toContain('Usage: /docker build');
  });

  it('build with two URLs', () => {
    const error = usageErrorFor('build https://github.com/a/b https://github.com/c/d');

    expect(error.message).toContain('build takes exactly one git repository URL');
    expect(error.usage).toContain('Usage: /docker build');
  });

  it('help with two names', () => {
    expect(usageErrorFor('help ps build').message).toBe('help takes at most one command name.');
  });

  it('text over limit is rejected', () => {
    const text = 'ps ' + 'a'.repeat(maxCommandTextLength - 2);
    const error = usageErrorFor(text);

    expect(text.length).toBe(4_001);
    expect(error.message).toContain('4001 characters long');
    expect(error.message).toContain('the limit is 4000');
  });

  it('text at limit is accepted', () => {
    const text = 'help' + ' '.repeat(maxCommandTextLength - 4);

    expect(resolveCommand(text, commands).command.name).toBe('help');
  });

  it('unclosed quote raises UsageError', () => {
    expect(usageErrorFor("ps 'a").message).toContain('unclosed');
  });

  describe('hostile text', () => {
    it.each([
      ['option injection', 'build --upload-pack=touch /tmp/x', 'Unknown flag: --upload-pack.'],
      ['short option injection', 'build -u touch', 'Unknown flag: -u.'],
      ['shell separator', 'ps; rm -rf /', 'Unknown command "ps;".'],
      ['quoted shell command', "ps '; rm -rf /'", 'ps takes no arguments'],
      ['Slack-escaped and-and', 'ps &amp;&amp; id', 'ps takes no arguments'],
      ['pipe', 'ps | sh', 'ps takes no arguments'],
      ['Slack-escaped redirect', 'ps &gt; /etc/passwd', 'ps takes no arguments'],
      ['Slack-escaped script tag', '&lt;script&gt;', 'Unknown command "<script>".'],
      ['Slack channel mention', '<!channel>', 'Unknown command "channel".'],
      ['flag in Slack mention', 'ps --<!channel>', 'Unknown flag: --channel.'],
      ['NUL after name', 'ps\u0000', 'Unknown command'],
      ['bell as argument', 'ps \u0007', 'ps takes no arguments'],
      ['zero-width space prefix', '\u200bps', 'Unknown command'],
      ['right-to-left override', 'ps\u202e', 'Unknown command'],
      ['em dash flag', 'ps \u2014all', 'ps takes no arguments'],
      ['en dash flag', 'ps \u2013a', 'ps takes no arguments'],
      ['substitution in boolean', 'ps --all=$(id)', 'takes true or false'],
      ['newline then command', 'build https://github.com/a/b\nrm -rf /', 'Unknown flag: -r.'],
      ['NUL in short group', 'ps -a\u0000', 'Unknown flag: -\u0000.'],
    ])('%s raises UsageError', (_case, text, message) => {
      expect(usageErrorFor(text).message).toContain(message);
    });

    it('long unknown name is truncated', () => {
      const error = usageErrorFor('x'.repeat(3_990));

      expect(error.message).toBe(`Unknown command "${'x'.repeat(40)}…".`);
    });

    it('escaped error text has no markup', () => {
      const error = usageErrorFor('&lt;!channel&gt;');

      expect(error.message).toContain('<!channel>');
      expect(escapeSlackText(error.message)).not.toMatch(/[<>]/);
    });

    it.each([
      ['command substitution', 'build $(id)', 'Repositories on $(id) are not allowed'],
      ['backticks', 'build `id`', 'Repositories on `id` are not allowed'],
      ['URL after double dash', 'build -- --upload-pack=x', 'cannot start with "-"'],
      ['file URL', 'build file:///etc', 'The scheme "file" is not allowed'],
      ['ext transport', 'build ext::sh%20-c%20id', 'The scheme "ext" is not allowed'],
      [
        'NUL in URL',
        'build https://github.com/a/b\u0000',
        'control or invisible formatting characters',
      ],
      ['quoted spaces in URL', "build 'https://github.com/a/b c'", 'contains spaces, control'],
    ])('build %s fails validation', (_case, text, message) => {
      const error = validationErrorFor(text);

      expect(error.code).toBe('repo_url_rejected');
      expect(error.message).toContain(message);
    });

    it('build URL reaches validation intact', () => {
      const { args } = resolveCommand("build 'https://github.com/acme/api#main:web'", commands);

      expect(args.positionals).toEqual(['https://github.com/acme/api#main:web']);
      expect(flagValue(args, 'upload-pack')).toBeUndefined();
    });
  });
});
