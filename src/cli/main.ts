/** Command dispatch for `polyguide`. Each command lives in its own module and returns an exit code. */
import { EXIT, UsageError, type CommandIO } from './io.ts';
import { lookupTable } from '../core/content-keys.ts';

type Command = (args: string[], io: CommandIO) => Promise<number>;

const COMMANDS = lookupTable<{ summary: string; load: () => Promise<Command> }>({
  import: { summary: 'turn Milvus-rendered pages into content/<locale>/<guide>.md', load: async () => (await import('./commands/import.ts')).importCommand },
  parse: { summary: 'print the step model of guides as JSON', load: async () => (await import('./commands/parse.ts')).parseCommand },
  check: { summary: 'validate code blocks and cross-check translations', load: async () => (await import('./commands/check.ts')).checkCommand },
  run: { summary: "execute a guide's steps in a sandbox with simulated cluster tools", load: async () => (await import('./commands/run.ts')).runCommand },
  export: { summary: "write a guide's runbook (files and commands)", load: async () => (await import('./commands/export.ts')).exportCommand },
});

export const USAGE = `Usage: polyguide <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(8)} ${summary}`)
  .join('\n')}

Run \`polyguide <command> --help\` for a command's options.
`;

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`polyguide: unknown command \`${name}\`, expected one of ${Object.keys(COMMANDS).join(', ')}\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`polyguide ${name}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
