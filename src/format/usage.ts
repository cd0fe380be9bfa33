import type { CommandDefinition } from '../command.js';

/** Renders `/docker <name> --help` style usage for one command. */
export function formatUsage(command: CommandDefinition): string {
  const lines = [`Usage: /docker ${command.name} ${command.usage}`.trimEnd(), '', command.summary];

  if (command.flags.length > 0) {
    const names = command.flags.map((flag) => {
      const short = flag.short === undefined ? '    ' : `-${flag.short}, `;
      const value = flag.valueName === undefined ? '' : ` ${flag.valueName}`;
      return `${short}--${flag.long}${value}`;
    });
    const width = Math.max(...names.map((name) => name.length));
    lines.push('', 'Options:');
    command.flags.forEach((flag, index) => {
      lines.push(`  ${(names[index] ?? '').padEnd(width)}   ${flag.description}`);
    });
  }
  return lines.join('\n');
}
