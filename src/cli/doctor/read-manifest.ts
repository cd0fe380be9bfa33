import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** The parts of the Slack app manifest that the doctor compares the deployment with. */
export interface AppManifest {
  /** `oauth_config.scopes.bot`: the bot scopes the app requests. */
  botScopes: string[];
  /** `settings.socket_mode_enabled`. */
  socketMode: boolean;
}

/**
 * Reads manifest.yml, the manifest the Slack app is created from. Throws
 * an Error naming the file when it cannot be read or lacks the bot scopes.
 */
export async function readManifest(file: string): Promise<AppManifest> {
  const document = parse(await readFile(file, 'utf8')) as unknown;
  const manifest = document as {
    oauth_config?: { scopes?: { bot?: unknown } };
    settings?: { socket_mode_enabled?: unknown };
  } | null;

  const scopes = manifest?.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error(`${file} has no list of strings at oauth_config.scopes.bot.`);
  }
  return {
    botScopes: scopes,
    socketMode: manifest?.settings?.socket_mode_enabled === true,
  };
}
