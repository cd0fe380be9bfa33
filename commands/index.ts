import type { CommandDefinition } from '../src/command.js';
import { buildCommand } from './build.js';
import { helpCommand } from './help.js';
import { imagesCommand } from './images.js';
import { psCommand } from './ps.js';

/** Every `/docker` subcommand, in the order `help` lists them. */
export const commands: readonly CommandDefinition[] = [
  buildCommand,
  psCommand,
  imagesCommand,
  helpCommand,
];
