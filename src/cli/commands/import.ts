import { parseArgs } from 'node:util';
import { importGuides } from '../../core/import/import-files.ts';
import { formatSourceError } from '../format-error.ts';
import { printableLine } from '../../check/reporters/printable.ts';
import { EXIT, UsageError, type CommandIO } from '../io.ts';

export const IMPORT_HELP = `Usage: polyguide import <files or folders…> --out <folder> [--locale L] [--force]

Turns Milvus-rendered pages into Markdown at <out>/<locale>/<guide>.md. The locale comes from the
path (…/<locale>/…) or --locale. Existing files with other content are kept unless --force.
Exit 0 when every page was imported or unchanged, 1 when a file was kept (conflict), 2 on unreadable input.
`;

export async function importCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, locale: { type: 'string', short: 'l' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one file or folder to import');
  if (!values.out) throw new UsageError('expected --out <folder>, e.g. --out content/');
  const results = await importGuides(positionals, { out: values.out, locale: values.locale, force: values.force, cwd: io.cwd }).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  let exit: number = EXIT.ok;
  for (const result of results) {
    if (result.status === 'failed') {
      io.stderr.write(`${formatSourceError(result.error!)}\n`);
      exit = EXIT.usage;
    } else if (result.status === 'conflict') {
      io.stderr.write(`${printableLine(`${result.source}: kept ${result.target}`)}, which has other content (use --force to overwrite)\n`);
      if (exit === EXIT.ok) exit = EXIT.findings;
    } else {
      io.stdout.write(`${result.status.padEnd(9)} ${printableLine(`${result.target}  ← ${result.source}`)}\n`);
    }
  }
  const count = (status: string) => results.filter((r) => r.status === status).length;
  io.stdout.write(`${results.length} pages: ${count('written')} written, ${count('unchanged')} unchanged, ${count('conflict')} kept, ${count('failed')} failed\n`);
  return exit;
}
