import { parseArgs } from 'node:util';
import { buildRunbook, runbookScript, type Runbook } from '../../run/runbook.ts';
import { EXIT, UsageError, type CommandIO } from '../io.ts';
import { loadGuides, resolveGuides } from './run.ts';

export const EXPORT_HELP = `Usage: polyguide export <guide> [--locale L] --format json|sh

Writes a guide's runbook, generated from its step model, to standard output:
  --format json   the files (name and content; alternatives for the same file grouped) and the
                  commands in reading order with their source lines
  --format sh     the files and commands as one copyable POSIX shell script, with a header that it
                  must be reviewed before running (alternatives after the first are commented out)

<guide> is a guide file, or a guide id looked up under <root>/<locale>/.

Options:
  --locale L      the locale to export (default: the file's, or the only one that has the id)
  --root DIR      content root for guide ids (default content)
  -h, --help      show this help

Exit status: 0 written, 2 bad usage or unreadable input.
See docs/run.md.
`;

export async function exportCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      locale: { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'expected a guide (a file or a guide id)' : `expected one guide, got ${positionals.length}`);
  if (values.format !== 'json' && values.format !== 'sh') throw new UsageError(values.format === undefined ? 'expected --format json or --format sh' : `unknown --format \`${values.format}\`, expected json or sh`);
  const resolved = await resolveGuides(positionals[0]!, { locale: values.locale, root: values.root, cwd: io.cwd });
  const { guides, unreadable } = await loadGuides(resolved, io);
  if (unreadable > 0 || guides.length === 0) return EXIT.usage;
  const runbook: Runbook = buildRunbook(guides[0]!);
  io.stdout.write(values.format === 'json' ? `${JSON.stringify(runbook, null, 2)}\n` : runbookScript(runbook));
  return EXIT.ok;
}
