import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node } from 'yaml';
import { ConfigError } from '../errors.js';
import { compileGlob } from './glob-pattern.js';

/** The rule a policy file sets for one channel; an absent list means no limit. */
export interface ChannelRule {
  commands: readonly string[] | undefined;
  repos: readonly RegExp[] | undefined;
  images: readonly RegExp[] | undefined;
  /** The patterns as written, for messages. */
  repoPatterns: readonly string[];
  imagePatterns: readonly string[];
}

/** Channel rules by channel ID; `*` applies to channels without a rule of their own. */
export type PolicyRules = ReadonlyMap<string, ChannelRule>;

const variable = 'SLASHDOCK_POLICY_FILE';
const channelIdPattern = /^([CGD][A-Z0-9]{2,}|\*)$/;
const ruleKeys = new Set(['commands', 'repos', 'images']);

/**
 * Reads and validates a policy file (YAML, or JSON, which is YAML too):
 *
 * ```yaml
 * channels:
 *   C0123ABC:
 *     commands: [build, ps, images, logs]
 *     repos: ["github.com/acme/*"]
 *     images: ["acme/**", "busybox"]
 *   "*":
 *     commands: [help, ps, images]
 * ```
 *
 * Every problem is reported as a ConfigError naming the file's line.
 */
export function loadPolicyFile(path: string, knownCommands: readonly string[]): PolicyRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(
      variable,
      `cannot read ${path} (${code}). Check the path and its permissions.`,
    );
  }
  return parsePolicy(text, path, knownCommands);
}

export function parsePolicy(
  text: string,
  path: string,
  knownCommands: readonly string[],
): PolicyRules {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const fail = (node: Node | null | undefined, message: string): never => {
    const offset = node?.range?.[0] ?? 0;
    const { line } = lineCounter.linePos(offset);
    throw new ConfigError(variable, `${path} line ${line}: ${message}`);
  };

  const [firstError] = document.errors;
  if (firstError !== undefined) {
    const { line } = lineCounter.linePos(firstError.pos[0]);
    throw new ConfigError(
      variable,
      `${path} line ${line}: ${firstError.message.split('\n')[0] ?? ''}`,
    );
  }

  const root = document.contents;
  if (!isMap(root)) {
    return fail(root, 'the file must be a mapping with a "channels" key.');
  }
  const rules = new Map<string, ChannelRule>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'channels') {
      fail(pair.key, `unknown key "${key}"; the only top-level key is "channels".`);
    }
    const channels = pair.value as Node | null;
    if (!isMap(channels)) {
      return fail(channels, '"channels" must map channel IDs (or "*") to rules.');
    }
    for (const channelPair of channels.items) {
      const channelId = isScalar(channelPair.key) ? String(channelPair.key.value) : '';
      if (!channelIdPattern.test(channelId)) {
        fail(channelPair.key as Node, `"${channelId}" is not a channel ID (C…, G… or D…) or "*".`);
      }
      rules.set(channelId, parseRule(channelPair.value as Node | null, knownCommands, fail));
    }
  }
  return rules;
}

function parseRule(
  node: Node | null,
  knownCommands: readonly string[],
  fail: (node: Node | null | undefined, message: string) => never,
): ChannelRule {
  if (!isMap(node)) {
    return fail(node, 'a channel rule must be a mapping with commands, repos or images.');
  }

  const lists = new Map<string, string[]>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ruleKeys.has(key)) {
      fail(pair.key as Node, `unknown key "${key}"; a rule has commands, repos and images.`);
    }
    const value = pair.value as Node | null;
    if (!isSeq(value)) {
      return fail(value, `"${key}" must be a list.`);
    }
    const items = value.items.map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
        return fail(item as Node, `every entry of "${key}" must be a non-empty string.`);
      }
      if (key === 'commands' && !knownCommands.includes(item.value)) {
        return fail(item, `unknown command "${item.value}"; known: ${knownCommands.join(', ')}.`);
      }
      return item.value.trim();
    });
    lists.set(key, items);
  }

  const repoPatterns = lists.get('repos') ?? [];
  const imagePatterns = lists.get('images') ?? [];
  return {
    commands: lists.get('commands'),
    repos: lists.has('repos') ? repoPatterns.map(compileGlob) : undefined,
    images: lists.has('images') ? imagePatterns.map(compileGlob) : undefined,
    repoPatterns,
    imagePatterns,
  };
}
