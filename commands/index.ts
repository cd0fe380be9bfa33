import type { CommandDefinition } from '../src/command.js';
import { buildCommand } from './build.js';
import { helpCommand } from './help.js';
import { imagesCommand } from './images.js';
import { logsCommand } from './logs.js';
import { psCommand } from './ps.js';
import { rmCommand } from './rm.js';
import { rmiCommand } from './rmi.js';
import { runCommand } from './run.js';
import { stopCommand } from './stop.js';

/** Every `/docker` subcommand, in the order `help` lists them. */
export const commands: readonly CommandDefinition[] = [
  buildCommand,
  runCommand,
  logsCommand,
  psCommand,
  imagesCommand,
  stopCommand,
  rmCommand,
  rmiCommand,
  helpCommand,
];
