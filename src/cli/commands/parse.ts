import { parseArgs } from 'node:util';
import { discoverGuides } from '../../core/layout.ts';
import { parseGuideFile } from '../../core/parse/index.ts';
import { formatParseMessage, formatSourceError } from '../format-error.ts';
import { EXIT, UsageError, type CommandIO } from '../io.ts';

export async function parseCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write('Usage: polyguide parse <files or folders…> [--locale L]\n\nPrints the step model of each guide as JSON lines.\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one file or folder');
  const files = await discoverGuides(positionals, io.cwd).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  let exit: number = EXIT.ok;
  for (const file of files) {
    try {
      const { guide, messages } = await parseGuideFile(file.absolutePath, { locale: values.locale ?? file.locale ?? undefined });
      guide.file = file.path;
      for (const message of messages) io.stderr.write(`${formatParseMessage(message, file.path)}\n`);
      io.stdout.write(`${JSON.stringify(guide)}\n`);
    } catch (error) {
      io.stderr.write(`${formatSourceError(error as Error, file.path)}\n`);
      exit = EXIT.usage;
    }
  }
  return exit;
}
