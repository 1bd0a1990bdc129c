import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { discoverGuides, LayoutError } from '../../core/layout.ts';
import type { Guide } from '../../core/model.ts';
import { parseGuideFile } from '../../core/parse/index.ts';
import { codeBlocks } from '../../core/walk.ts';
import { runGuide, type RunReport, type StepResult } from '../../run/index.ts';
import { formatParseMessage, formatSourceError } from '../format-error.ts';
import { printableLine } from '../../check/reporters/printable.ts';
import { EXIT, UsageError, type CommandIO } from '../io.ts';

export const RUN_HELP = `Usage: polyguide run <guide> [options]

Executes a guide's steps in order in a fresh temporary folder: file blocks are written, commands
are interpreted — kubectl, helm, aws and gcloud by simulators that share one cluster state,
openssl for real (no network, time and resource limits, paths confined to the folder), shell
builtins simulated — and expected outputs are compared with the simulation. Nothing else runs.

<guide> is a guide file, or a guide id (e.g. aws_layer7) looked up under <root>/<locale>/.

Options:
  --locale L           the locale to run (default: the file's, or the only one that has the id)
  --all-locales        run the guide in every locale that has it
  --root DIR           content root for guide ids (default content)
  --format pretty|json output format (default pretty)
  --time-limit SEC     wall-clock limit of each real command (default 20)
  --keep-sandbox       keep the temporary folder and print its path
  -h, --help           show this help

Exit status: 0 no errors, 1 a step failed with an error, 2 bad usage or unreadable input.
See docs/run.md.
`;

export interface ResolvedGuide {
  path: string;
  absolutePath: string;
  locale: string | null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || rel === '' ? absolute : rel;
}

/** Guide files for a path or id, one locale or all. Throws UsageError when none or ambiguous. */
export async function resolveGuides(target: string, options: { locale?: string; allLocales?: boolean; root?: string; cwd: string }): Promise<ResolvedGuide[]> {
  const { cwd } = options;
  if (options.locale && options.allLocales) throw new UsageError('pass either --locale or --all-locales, not both');
  const direct = resolve(cwd, target);
  let root: string;
  let relativePath: string;
  let ownLocale: string | null = null;
  if (await isFile(direct)) {
    const [file] = await discoverGuides([target], cwd).catch((error: Error) => {
      throw new UsageError(error.message);
    });
    if (!file) throw new UsageError(`cannot read ${target}`);
    if (!options.locale && !options.allLocales) return [{ path: file.path, absolutePath: file.absolutePath, locale: file.locale }];
    if (!file.root || !file.locale) throw new UsageError(`${target} is not in a <root>/<locale>/ folder, so --locale and --all-locales do not apply`);
    root = file.root;
    relativePath = file.relativePath;
    ownLocale = file.locale;
  } else {
    if (target.includes('/') || target.includes('\\')) throw new UsageError(`cannot read ${target}: no such file`);
    root = resolve(cwd, options.root ?? 'content');
    if (!(await isDirectory(root))) throw new UsageError(`no guide file ${target}, and no content root ${shown(cwd, root)} to look the id up in (use --root)`);
    relativePath = /\.(md|markdown|html?)$/i.test(target) ? target : `${target}.md`;
  }
  const locales = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  const found: ResolvedGuide[] = [];
  for (const locale of locales) {
    const absolutePath = join(root, locale, ...relativePath.split('/'));
    if (await isFile(absolutePath)) found.push({ path: shown(cwd, absolutePath), absolutePath, locale });
  }
  if (found.length === 0) throw new UsageError(`no guide ${relativePath} under ${shown(cwd, root)}/<locale>/`);
  if (options.allLocales) return found;
  const wanted = options.locale ?? ownLocale;
  if (wanted) {
    const one = found.find((guide) => guide.locale === wanted);
    if (!one) throw new UsageError(`guide ${relativePath} has no locale ${wanted} (it exists in ${found.map((guide) => guide.locale).join(', ')})`);
    return [one];
  }
  if (found.length > 1) throw new UsageError(`guide ${relativePath} exists in ${found.map((guide) => guide.locale).join(', ')}: pass --locale L or --all-locales`);
  return found;
}

/** Parse resolved guides; unreadable ones are reported on stderr and make the exit status 2. */
export async function loadGuides(resolved: ResolvedGuide[], io: CommandIO): Promise<{ guides: Guide[]; unreadable: number }> {
  const guides: Guide[] = [];
  let unreadable = 0;
  for (const file of resolved) {
    try {
      const { guide, messages } = await parseGuideFile(file.absolutePath, { locale: file.locale ?? undefined });
      guide.file = file.path;
      for (const message of messages) io.stderr.write(`${formatParseMessage(message, file.path)}\n`);
      guides.push(guide);
    } catch (error) {
      io.stderr.write(`${formatSourceError(error as Error, file.path)}\n`);
      unreadable++;
    }
  }
  return { guides, unreadable };
}

export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      locale: { type: 'string' },
      'all-locales': { type: 'boolean' },
      root: { type: 'string' },
      format: { type: 'string', default: 'pretty' },
      'time-limit': { type: 'string' },
      'keep-sandbox': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'expected a guide (a file or a guide id)' : `expected one guide, got ${positionals.length}`);
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError(`unknown --format \`${values.format}\`, expected pretty or json`);
  let timeLimitMs: number | undefined;
  if (values['time-limit'] !== undefined) {
    const seconds = Number(values['time-limit']);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`unexpected --time-limit \`${values['time-limit']}\`, expected seconds between 1 and 600`);
    timeLimitMs = seconds * 1000;
  }
  let resolved: ResolvedGuide[];
  try {
    resolved = await resolveGuides(positionals[0]!, { locale: values.locale, allLocales: values['all-locales'], root: values.root, cwd: io.cwd });
  } catch (error) {
    if (error instanceof LayoutError) throw new UsageError(error.message);
    throw error;
  }
  const { guides, unreadable } = await loadGuides(resolved, io);
  const reports: RunReport[] = [];
  for (const guide of guides) reports.push(await runGuide(guide, { timeLimitMs, keepSandbox: values['keep-sandbox'] }));
  if (values.format === 'json') io.stdout.write(`${JSON.stringify({ reports }, null, 2)}\n`);
  else {
    const colors = pc.createColors(io.stdout.isTTY === true && !process.env.NO_COLOR);
    reports.forEach((report, index) => io.stdout.write(formatRunReport(report, guides[index]!, colors)));
  }
  if (unreadable > 0) return EXIT.usage;
  return reports.some((report) => report.summary.errors > 0) ? EXIT.findings : EXIT.ok;
}

type Colors = ReturnType<typeof pc.createColors>;

const MARK: Record<StepResult['status'], string> = { ran: '✔', simulated: '✔', skipped: '–', failed: '✖' };

/** The terminal form of a run: one line per step, its findings under it, then a summary. */
export function formatRunReport(report: RunReport, guide: Guide, colors: Colors = pc.createColors(false)): string {
  const out: string[] = [colors.underline(printableLine(report.guide.file)) + colors.dim(printableLine(`  ${report.guide.id} [${report.guide.locale}]`))];
  const blocks = codeBlocks(guide);
  const paint = (status: StepResult['status'], text: string): string => (status === 'failed' ? colors.red(text) : status === 'skipped' ? colors.dim(text) : colors.green(text));
  for (const step of report.steps) {
    const block = blocks[step.index];
    const lines = block?.text.split('\n').map((line) => line.trim()).filter((line) => line !== '') ?? [];
    const first = (step.role === 'command' ? lines.find((line) => !line.startsWith('#')) : undefined) ?? lines[0] ?? '';
    const what = step.role === 'command' || step.role === 'output' ? first : step.fileName ? `${step.fileName}` : `${step.language} ${step.role}`;
    out.push(`  ${paint(step.status, `${MARK[step.status]} ${step.status.padEnd(9)}`)} ${`${step.line}:${step.column}`.padEnd(7)} ${step.role.padEnd(7)} ${truncate(what, 70)}`);
    out.push(`  ${' '.repeat(29)}${colors.dim(truncate(step.reason, 110))}`);
    for (const finding of step.findings) {
      const severity = finding.severity === 'error' ? colors.red('error') : finding.severity === 'warning' ? colors.yellow('warning') : colors.blue('info');
      out.push(`      ${severity} ${printableLine(`${finding.file}:${finding.line}:${finding.column}  ${finding.message}`)}  ${colors.dim(finding.rule)}`);
    }
  }
  if (report.prerequisites.length > 0) out.push(`  ${colors.dim('prerequisites:')} ${printableLine(report.prerequisites.join('; '))}`);
  if (report.sandbox) out.push(`  ${colors.dim('sandbox kept at')} ${printableLine(report.sandbox)}`);
  const s = report.summary;
  const line = `${report.steps.length} steps: ${s.ran} ran, ${s.simulated} simulated, ${s.skipped} skipped, ${s.failed} failed — ${s.errors} ${s.errors === 1 ? 'error' : 'errors'}, ${s.warnings} ${s.warnings === 1 ? 'warning' : 'warnings'}, ${s.infos} info`;
  out.push(s.errors > 0 ? colors.red(`✖ ${line}`) : colors.green(`✔ ${line}`), '');
  return `${out.join('\n')}\n`;
}

/** One line of at most `length` characters, from a guide: its control characters made visible. */
function truncate(text: string, length: number): string {
  const one = printableLine(text.replace(/\s+/g, ' '));
  return one.length > length ? `${one.slice(0, length - 1)}…` : one;
}
