import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPaths } from '../../check/index.ts';
import { REPORTERS } from '../../check/reporters/index.ts';
import { LayoutError } from '../../core/layout.ts';
import { EXIT, UsageError, type CommandIO } from '../io.ts';

export const CHECK_HELP = `Usage: polyguide check [PATH…] [options]

Validates every code block and cross-checks the translations. PATH is a file or a folder laid out
<root>/<locale>/<relative path>; default content/.

Options:
  --format pretty|json|github|sarif   output format (default pretty)
  --source L        source locale, the reference when a guide has it (default en)
  --shard i/n       check only the i-th of n deterministic shards (for parallel CI)
  --no-cache        ignore the content-hash cache (.polyguide-cache/)
  --no-run          leave out the run/* findings (sandboxed execution of the guide)
  --workers N       checking threads: 1 is this thread, N > 1 worker threads (default: this
                    thread when started as polyguide, else worker threads on large inputs)
  --verbose         show info-level findings in pretty output

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.
`;

export async function checkCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'pretty' },
      source: { type: 'string', default: 'en' },
      shard: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'no-run': { type: 'boolean' },
      workers: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  const loadReporter = REPORTERS[values.format!];
  if (!loadReporter) throw new UsageError(`unknown --format \`${values.format}\`, expected one of ${Object.keys(REPORTERS).join(', ')}`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const workers = values.workers === undefined ? undefined : parsePositive(values.workers, '--workers');
  const paths = positionals.length > 0 ? positionals : ['content'];
  let result;
  try {
    result = await checkPaths(paths, { source: values.source, cwd: io.cwd, shard, cache: values['no-cache'] ? false : undefined, workers, run: !values['no-run'] });
  } catch (error) {
    if (error instanceof LayoutError) {
      io.stderr.write(`polyguide check: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const readText = (file: string): string | null => {
    try {
      return readFileSync(resolve(io.cwd, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    } catch {
      return null;
    }
  };
  const reporter = await loadReporter();
  io.stdout.write(reporter(result, { color: io.stdout.isTTY === true && !process.env.NO_COLOR, readText, verbose: values.verbose }));
  for (const problem of result.unreadable) {
    if (values.format !== 'pretty') io.stderr.write(`${problem.file}:${problem.line}:${problem.column}: error: ${problem.message}\n`);
  }
  if (result.unreadable.length > 0) return EXIT.usage;
  return result.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`unexpected --shard \`${value}\`, expected i/n with 1 ≤ i ≤ n, e.g. 1/4`);
  return { index, count };
}

function parsePositive(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`unexpected ${name} \`${value}\`, expected a positive whole number`);
  return number;
}
