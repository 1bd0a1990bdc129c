/**
 * `polyguide run` as a library: execute a guide's steps in order in a fresh sandbox folder.
 *
 * - A file step (role `file` with a file name) writes its file; consecutive blocks for the same
 *   file with no command between them are alternatives ("one of these snippets"): the first is
 *   written, and commands that read the file try the others on a copy of the simulated cluster.
 * - A command step is parsed (src/run/shell.ts) and each simple command is interpreted: kubectl,
 *   helm, aws and gcloud by simulators sharing one cluster state; openssl really runs, confined
 *   (src/run/exec.ts); shell builtins are simulated on the sandbox; everything else is reported
 *   and not run. No shell is ever started for guide text.
 * - An output step is compared with what the previous command printed in the simulation.
 * - Snippets (Python needs a live server; unnamed examples) are skipped with the reason.
 * - Roles are corrected where the markup misleads (blocks.ts `runRole`): a YAML-labelled or
 *   unlabelled block of commands runs as commands; an excerpt (`...`), a container path from the
 *   prose and a folder tree are not written; an unlabelled YAML block the prose names is that file.
 *
 * Findings are `run/*` rules placed in the guide's file (code positions rebased with pointInCode).
 * An error means the page is demonstrably wrong; what the runner cannot run or know (a tool it does
 * not simulate, a path outside the sandbox, unknown content, a value the reader substitutes, a
 * consequence of an earlier failure) is an info.
 */
import { codeInMessage } from '../core/code-in-message.ts';
import type { CodeStep, Guide } from '../core/model.ts';
import { blockPlaces, blocksWithLabels, linkedFiles, proseBefore, readsFile, runRole, unlabelledFile, type BlockContext } from './blocks.ts';
import { pointInCode } from '../core/positions.ts';
import { detectIsolation } from './exec.ts';
import { isLocalCommand, isShell, runLocal } from './local.ts';
import { checkOutput, type PreviousCommand } from './outputs.ts';
import { declaredPrerequisites, initialCluster } from './prerequisites.ts';
import { Sandbox } from './sandbox.ts';
import { expandWord, planShell, type RunCommand, type RunWord, type ShellPlan } from './shell.ts';
import { hasNamespace } from './simulators/cluster.ts';
import { aws } from './simulators/aws.ts';
import type { ClusterState } from './simulators/cluster.ts';
import { code, failed, skipped, type BlockPlace, type CommandOutcome, type Prerequisites, type Report, type SimContext, type Simulator } from './simulators/context.ts';
import { gcloud } from './simulators/gcloud.ts';
import { helm } from './simulators/helm.ts';
import { kubectl } from './simulators/kubectl.ts';
import type { CommandResult, RunFinding, RunOptions, RunReport, StepResult, StepStatus } from './types.ts';
import { contentRecord, lookupTable, setOwn } from '../core/content-keys.ts';
import { isStackOverflow } from '../core/parse/limits.ts';
import { RUN_LIMITS, RunBudget } from './budget.ts';
import { formatCount } from '../core/format-count.ts';

export type { CommandResult, RunFinding, RunOptions, RunReport, RunSummary, StepResult, StepStatus } from './types.ts';
export { buildRunbook, runbookScript, type Runbook, type RunbookCommand, type RunbookFile } from './runbook.ts';
export { blocksWithLabels, isFileBlock } from './blocks.ts';

const SIMULATORS = lookupTable<Simulator>({ kubectl, helm, aws, gcloud });
/** Tools the runner knows by name, for messages. */
const KNOWN = ['kubectl', 'helm', 'aws', 'gcloud', 'openssl', 'echo', 'cat', 'export', 'cd', 'mkdir', 'rm', 'cp', 'mv'];
const MAX_SCRIPT_DEPTH = 3;

interface RunState {
  guide: Guide;
  sandbox: Sandbox;
  budget: RunBudget;
  state: ClusterState;
  env: Record<string, string>;
  prerequisites: Prerequisites;
  options: Required<Pick<RunOptions, 'timeLimitMs' | 'realTools'>>;
  files: Map<string, { block: CodeStep; alternatives: Array<{ block: CodeStep; label: string }> }>;
  findings: RunFinding[];
  seen: Set<string>;
  previous: PreviousCommand | null;
  unsetReported: Set<string>;
  /** The step of each code block run so far (to file findings of alternative blocks). */
  stepOf: Map<CodeStep, StepResult>;
  /** Commands that were not run, which may have produced files later steps use (with the folder they ran in). */
  notRun: Array<{ words: string[]; line: number; cwd: string; block: CodeStep }>;
  /** The command block being interpreted. */
  current: CodeStep | null;
  /** Files the guide shows only an excerpt of (`...` lines): sandbox path → line. */
  excerpts: Map<string, number>;
  /** Files the prose links to, by name → URL. */
  links: Map<string, string>;
  /** Where each block sits (alternatives live in different places). */
  places: Map<CodeStep, string>;
  /** Variables assigned by a step that was not run (`X=$(…)`): set, with a value the run cannot know. */
  unknownVariables: Map<string, number>;
}

export async function runGuide(guide: Guide, options: RunOptions = {}): Promise<RunReport> {
  const sandbox = await Sandbox.create(options.sandboxParent);
  const isolation = options.realTools === false ? null : detectIsolation();
  // Set before the folder is made, which hands it to this owner.
  if (isolation?.runAs !== null && isolation?.runAs !== undefined) sandbox.owner = isolation.runAs;
  // A kept sandbox is shown to the reader, so it exists even when the guide wrote nothing.
  if (options.keepSandbox) await sandbox.materialize();
  const declared = declaredPrerequisites(guide);
  const run: RunState = {
    guide,
    sandbox,
    state: initialCluster(declared),
    env: contentRecord(),
    prerequisites: { files: new Set(declared.files), assumed: [] },
    options: { timeLimitMs: options.timeLimitMs ?? 20_000, realTools: options.realTools ?? true },
    files: new Map(),
    findings: [],
    seen: new Set(),
    previous: null,
    unsetReported: new Set(),
    stepOf: new Map(),
    notRun: [],
    current: null,
    excerpts: new Map(),
    links: linkedFiles(guide),
    places: blockPlaces(guide),
    unknownVariables: new Map(),
    budget: new RunBudget(),
  };
  for (const file of declared.files) run.prerequisites.assumed.push(`file ${file} (declared: brought by the reader)`);
  for (const release of declared.releases) run.prerequisites.assumed.push(`Helm release ${release.name} (${release.chart}) in namespace ${release.namespace} (declared)`);
  for (const object of declared.objects) run.prerequisites.assumed.push(`${object.kind} ${object.name}${object.namespace ? ` in namespace ${object.namespace}` : ''} (declared)`);
  for (const namespace of declared.namespaces) run.prerequisites.assumed.push(`namespace ${namespace} (declared)`);
  const steps: StepResult[] = [];
  const blocks = bindUnlabelledFiles(guide, blocksWithLabels(guide));
  const blocksByIndex = new Map(blocks.map((item) => [item.index, item.block]));
  const record = (step: StepResult): void => {
    steps.push(step);
    const block = blocksByIndex.get(step.index);
    if (block) run.stepOf.set(block, step);
  };
  try {
    for (const problem of declared.problems) addFinding(run, { rule: 'run/invalid-prerequisites', severity: 'error', message: `Unexpected front matter: ${problem}`, file: guide.file, line: 1, column: 1 });
    if (declared.skip) {
      for (const { block, index } of blocks) record(stepResult(block, index, 'skipped', `the guide declares it cannot be run: ${declared.skip}`));
    } else {
      let group: { name: string; first: CodeStep; alternatives: Array<{ block: CodeStep; label: string }> } | null = null;
      const writtenEarly = new Map<CodeStep, StepResult>();
      for (const item of blocks) {
        const { block } = item;
        const role = runRole(block);
        if (role === 'excerpt') {
          const name = block.fileName!;
          const resolved = run.sandbox.resolve(name);
          if (resolved.ok && !run.excerpts.has(resolved.path)) run.excerpts.set(resolved.path, block.lines[0]?.line ?? 0);
          record(stepResult(block, item.index, 'skipped', `an excerpt of ${code(name)} (a \`...\` line stands for the rest): not written`));
          continue;
        }
        if (role === 'outside-file') {
          record(stepResult(block, item.index, 'skipped', `${code(block.fileName!)} is a path outside the working folder (in a container or on a node): not written`));
          continue;
        }
        if (role === 'file') {
          const name = block.fileName!.replace(/^\.\//, '');
          const early = writtenEarly.get(block);
          if (early) {
            group = { name, first: block, alternatives: [{ block, label: item.label ?? `line ${block.lines[0]?.line}` }] };
            record(early);
            continue;
          }
          if (group && group.name === name) {
            group.alternatives.push({ block, label: item.label ?? `line ${block.lines[0]?.line}` });
            record(stepResult(block, item.index, 'skipped', `alternative for ${code(name)} (the block at line ${group.first.lines[0]?.line ?? '?'} is written); commands that read ${code(name)} also try it on a copy of the cluster`));
            continue;
          }
          group = { name, first: block, alternatives: [{ block, label: item.label ?? `line ${block.lines[0]?.line}` }] };
          record(await writeFileStep(run, item, group.alternatives));
          continue;
        }
        if (role === 'command') {
          group = null;
          // A file shown right after the command that uses it ("the content of tls.yaml:"): written first.
          for (let laterIndex = item.index + 1; laterIndex < blocks.length; laterIndex++) {
            const later = blocks[laterIndex]!;
            const laterRole = runRole(later.block);
            if (laterRole === 'command') break;
            const file = later.block.fileName;
            if (laterRole !== 'file' || !file || writtenEarly.has(later.block) || !readsFile(block.text, file) || (await run.sandbox.exists(file))) continue;
            const early = await writeFileStep(run, later, [{ block: later.block, label: later.label ?? `line ${later.block.lines[0]?.line}` }]);
            const commandLine = block.lines[0]?.line ?? 0;
            early.reason = `${early.reason}, before the command at line ${commandLine} that uses it`;
            addFinding(
              run,
              findingAt(run, { block: later.block, line: 1, column: 1 }, 'run/file-after-command', 'warning', `Unexpected ${code(file)} shown after the command that uses it (line ${commandLine}), expected the file before that command: a reader who follows the steps in order runs the command before the file exists (the run wrote it first)`),
              early,
            );
            writtenEarly.set(later.block, early);
          }
          record(await commandStep(run, item));
          continue;
        }
        if (role === 'output') {
          record(outputStep(run, item));
          continue;
        }
        record(snippetStep(item));
      }
    }
  } finally {
    if (!options.keepSandbox) await sandbox.dispose();
  }
  run.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  const summary = { ran: 0, simulated: 0, skipped: 0, failed: 0, errors: 0, warnings: 0, infos: 0 };
  for (const step of steps) summary[step.status]++;
  for (const finding of run.findings) summary[finding.severity === 'error' ? 'errors' : finding.severity === 'warning' ? 'warnings' : 'infos']++;
  return {
    guide: { id: guide.id, locale: guide.locale, file: guide.file, title: guide.title },
    steps,
    findings: run.findings,
    summary,
    prerequisites: run.prerequisites.assumed,
    sandbox: options.keepSandbox ? sandbox.root : null,
  };
}

/** Unlabelled blocks that are the content of a file the prose names and a later command reads, given that name. */
function bindUnlabelledFiles(guide: Guide, blocks: BlockContext[]): BlockContext[] {
  const prose = proseBefore(guide);
  const commands = blocks.map((item) => (item.block.role === 'command' || item.block.role === 'snippet' || item.block.role === 'file') && runRole(item.block) === 'command');
  return blocks.map((item, index) => {
    if (item.block.role !== 'snippet' || item.block.lang !== null || !prose.has(item.block)) return item;
    const later = blocks.slice(index + 1).filter((_, offset) => commands[index + 1 + offset]).map((other) => other.block);
    const name = unlabelledFile(item.block, prose.get(item.block), later);
    return name ? { ...item, block: { ...item.block, role: 'file', language: 'yaml', fileName: name, fileNameSource: 'prose' } } : item;
  });
}

function stepResult(block: CodeStep, index: number, status: StepStatus, reason: string): StepResult {
  const start = block.lines[0] ?? block.position?.start ?? { line: 1, column: 1 };
  return { index, role: block.role, language: block.language, fileName: block.fileName, line: start.line, column: start.column, status, reason, commands: [], findings: [] };
}

function addFinding(run: RunState, finding: RunFinding, step?: StepResult): void {
  const key = `${finding.rule}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}\u0000${finding.message}`;
  step?.findings.push(finding);
  if (run.seen.has(key)) return;
  run.seen.add(key);
  run.findings.push(finding);
}

function findingAt(run: RunState, place: BlockPlace, rule: string, severity: RunFinding['severity'], message: string): RunFinding {
  const point = pointInCode(place.block, place.line, place.column);
  return { rule, severity, message, file: run.guide.file, line: point.line, column: point.column };
}

async function writeFileStep(run: RunState, item: BlockContext, alternatives: Array<{ block: CodeStep; label: string }>): Promise<StepResult> {
  const { block } = item;
  const name = block.fileName!;
  const step = stepResult(block, item.index, 'ran', '');
  const written = await run.sandbox.write(name, block.text.endsWith('\n') ? block.text : `${block.text}\n`, { origin: 'guide', line: step.line, by: `the ${block.language} block at line ${step.line}` });
  if (!written.ok) {
    // Never written outside the sandbox; the name itself is not a defect (a file on a node, in a container).
    addFinding(run, findingAt(run, { block, line: 1, column: 1 }, 'run/unsafe-path', 'info', `Unverified file ${code(name)}: ${written.reason} is outside the guide's working folder, so it was not written (the runner never writes outside its sandbox)`), step);
    step.status = 'skipped';
    step.reason = `not written: ${written.reason} is outside the working folder`;
    return step;
  }
  run.files.set(written.path, { block, alternatives });
  step.reason = `wrote ${code(written.path)} (${block.text.split('\n').length} lines)`;
  return step;
}

function snippetStep(item: BlockContext): StepResult {
  const { block } = item;
  let reason: string;
  if (block.language === 'python') {
    const host = /host\s*=\s*["']([^"']+)["']|uri\s*=\s*["']([^"']+)["']/.exec(block.text);
    reason = `Python snippet: it needs a live Milvus server${host ? ` (${host[1] ?? host[2]})` : ''} and Python packages; not run`;
  } else if (/^\s*[├└│]/m.test(block.text)) reason = 'a folder tree (where the files go): nothing is written';
  else if (block.role === 'file') reason = 'a file block without a file name: nothing names it, so nothing is written';
  else if (block.language === 'yaml' || block.language === 'json') reason = `an example ${block.language.toUpperCase()} block that no step saves or applies; not run`;
  else if (block.language === 'shell') reason = 'a shell block read as an example, not a command';
  else reason = `a ${block.lang ?? 'text'} example; not run`;
  return stepResult(block, item.index, 'skipped', reason);
}

function outputStep(run: RunState, item: BlockContext): StepResult {
  const { block } = item;
  const check = checkOutput(block, run.previous);
  const step = stepResult(block, item.index, check.status, check.reason);
  for (const problem of check.problems) addFinding(run, findingAt(run, { block, line: problem.line, column: problem.column }, problem.rule, problem.severity, problem.message), step);
  return step;
}

async function commandStep(run: RunState, item: BlockContext): Promise<StepResult> {
  const { block } = item;
  const step = stepResult(block, item.index, 'simulated', '');
  step.role = 'command';
  let plan: ShellPlan;
  try {
    plan = await planShell(block.text);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    addFinding(run, findingAt(run, { block, line: 1, column: 1 }, 'run/shell-syntax', 'info', 'Unexpected shell nested deeper than the runner can follow, expected a block of ordinary depth: nothing in it was run'), step);
    step.status = 'skipped';
    step.reason = 'the block is nested too deep to read; not run';
    return step;
  }
  if (plan.syntaxError) {
    const { line, column, message } = plan.syntaxError;
    addFinding(run, findingAt(run, { block, line, column }, 'run/shell-syntax', 'info', `Unexpected shell syntax (${parserWords(message)}), expected a block the shell parses: nothing in it was run`), step);
    step.status = 'skipped';
    step.reason = 'the block does not parse as shell; not run';
    return step;
  }
  run.current = block;
  await interpret(run, block, plan, step, 0);
  run.current = null;
  const statuses = step.commands.map((command) => command.status);
  step.status = statuses.includes('failed') ? 'failed' : statuses.includes('ran') ? 'ran' : statuses.includes('simulated') ? 'simulated' : 'skipped';
  if (step.commands.length === 0) step.reason = run.budget.commandsLeft() ? 'no commands (comments only)' : `not run: the guide's ${formatCount(RUN_LIMITS.commands)} commands were spent`;
  else {
    const counts = (['ran', 'simulated', 'skipped', 'failed'] as const).map((status) => [status, statuses.filter((other) => other === status).length] as const).filter(([, count]) => count > 0);
    const failedCommand = step.commands.find((command) => command.status === 'failed');
    const notes = step.commands.map((command) => command.note).filter(Boolean);
    step.reason = failedCommand
      ? `\`${failedCommand.argv.slice(0, 3).join(' ')}\` failed: ${failedCommand.note}`
      : step.commands.length <= 2
        ? notes.join('; ')
        : `${counts.map(([status, count]) => `${count} ${status}`).join(', ')}: ${notes.slice(0, 2).join('; ')}; …`;
  }
  return step;
}

/** Counts a command against the guide's budget; false (with one finding per guide) once it is spent. */
function spendCommand(run: RunState, block: CodeStep, at: { line: number; column: number }, step: StepResult): boolean {
  if (run.budget.commandsLeft()) {
    run.budget.commands++;
    return true;
  }
  if (!run.budget.commandLimitReported) {
    run.budget.commandLimitReported = true;
    addFinding(run, findingAt(run, { block, line: at.line, column: at.column }, 'run/too-many-commands', 'info', `Unexpected more than ${formatCount(RUN_LIMITS.commands)} commands in one guide, expected a guide a reader can follow step by step: this command and the rest of the guide were not run`), step);
  }
  return false;
}

async function interpret(run: RunState, block: CodeStep, plan: ShellPlan, step: StepResult, depth: number): Promise<void> {
  let lastExit = 0;
  for (const item of plan.items) {
    if ((item.connector === '&&' && lastExit !== 0) || (item.connector === '||' && lastExit === 0)) continue;
    if (item.type === 'unsupported' && !spendCommand(run, block, item, step)) return;
    if (item.type === 'unsupported') {
      const finding = findingAt(run, { block, line: item.line, column: item.column }, 'run/unsupported-shell', 'info', `Unexpected ${item.reason}, expected simple commands: the runner interprets simple commands only and never starts a shell, so this was not run`);
      addFinding(run, finding, step);
      const point = pointInCode(block, item.line, item.column);
      // `name=$(…)`, `export NAME="x-$(…)"`: the variable is set, to a value the run cannot know.
      for (const match of item.text.matchAll(/(?:^|[;&|]\s*|\bexport\s+)([A-Za-z_][A-Za-z0-9_]*)=/g)) if (!Object.hasOwn(run.env, match[1]!)) run.unknownVariables.set(match[1]!, point.line);
      step.commands.push({ argv: item.text.split(/\s+/).slice(0, 6), line: point.line, column: point.column, status: 'skipped', output: '', note: `not run: ${item.reason}` });
      run.previous = { text: item.text, line: point.line, status: 'skipped', printed: { type: 'unknown', reason: `${item.reason} was not run` } };
      run.notRun.push({ words: item.text.split(/\s+/), line: point.line, cwd: run.sandbox.cwd, block });
      lastExit = 1;
      continue;
    }
    let stdin: string | null = null;
    for (const command of item.commands) {
      // A pipeline of a hundred thousand commands is counted command by command.
      if (!spendCommand(run, block, command, step)) return;
      const result = await runCommand(run, block, command, step, stdin, depth);
      stdin = result.output;
      lastExit = result.exitCode;
    }
  }
}

async function runCommand(run: RunState, block: CodeStep, command: RunCommand, step: StepResult, pipedIn: string | null, depth: number): Promise<{ output: string | null; exitCode: number }> {
  const point = pointInCode(block, command.line, command.column);
  // Only the findings this command adds are looked at (counting all of them again for every
  // command made a block of many commands quadratic).
  const findingsBefore = step.findings.length;
  // Words whose value the run does not know (an unset variable, a placeholder): what they name cannot be checked.
  const uncertain: Array<{ line: number; column: number; why: string }> = [];
  let softened = 0;
  const report = (original: Report): void => {
    let entry = original;
    const doubt = entry.severity === 'error' && entry.word ? uncertain.find((item) => item.line === entry.word!.line && item.column === entry.word!.column) : undefined;
    if (doubt) {
      softened++;
      entry = { ...entry, rule: 'run/unverified', severity: 'info', message: `Unverified ${code(entry.word!.raw)}: it depends on ${doubt.why}, so the run cannot check it (${entry.message.replace(/^Unexpected /, 'it found ')})` };
    }
    const place: BlockPlace = entry.at ?? { block, line: entry.word?.line ?? command.line, column: entry.word?.column ?? command.column };
    const owner = entry.alternative && entry.at ? run.stepOf.get(entry.at.block) : undefined;
    if (owner) {
      // A problem of an alternative block: its own step fails, not the command that used the first variant.
      addFinding(run, findingAt(run, place, entry.rule, entry.severity, entry.message), owner);
      if (entry.severity === 'error' && owner.status !== 'failed') {
        owner.status = 'failed';
        owner.reason = `alternative for ${code(owner.fileName ?? '')}: it fails when \`${command.text.split('\n')[0]!.slice(0, 50)}\` reads it (see the findings)`;
      }
      return;
    }
    addFinding(run, findingAt(run, place, entry.rule, entry.severity, entry.message), step);
  };
  // Expand variables; assignments alone set them.
  const env = Object.assign(contentRecord<string>(), run.env);
  const expanded = (word: RunWord): string => {
    const result = expand(run, word, env, report);
    if (result.why) uncertain.push({ line: word.line, column: word.column, why: result.why });
    return result.value;
  };
  for (const assignment of command.assignments) env[assignment.name] = expanded(assignment.word).replace(/^[^=]*=/, '');
  const words: RunWord[] = command.words.map((word) => ({ ...word, value: expanded(word) }));
  if (words.length === 0) {
    if (command.assignments.length > 0) Object.assign(run.env, Object.fromEntries(command.assignments.map((assignment) => [assignment.name, env[assignment.name]!])));
    const heredoc = command.redirects.find((redirect) => redirect.heredoc);
    const outcome: CommandOutcome = command.assignments.length > 0 ? { status: 'simulated', output: '', note: 'variables set' } : { status: 'simulated', output: heredoc?.heredoc?.body ?? '', note: 'redirection only' };
    await applyRedirects(run, block, command, outcome, report);
    step.commands.push({ argv: command.assignments.map((assignment) => `${assignment.name}=${assignment.value}`), line: point.line, column: point.column, status: outcome.status, output: outcome.output, note: outcome.note });
    return { output: outcome.output, exitCode: 0 };
  }
  // Standard input: a here-document, a `<` file, or the pipe.
  let stdin = pipedIn;
  for (const redirect of command.redirects) {
    if (redirect.heredoc) stdin = redirect.heredoc.body;
    else if (redirect.op === '<' && redirect.target) {
      const input = await run.sandbox.read(redirect.target.value);
      const resolved = run.sandbox.resolve(redirect.target.value);
      if (!resolved.ok) report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified input ${code(redirect.target.value)}: ${resolved.reason} is outside the guide's working folder, which the runner never reads`, word: redirect.target });
      else if (input === null) {
        const maker = mayHaveMade(run, resolved.path);
        const link = run.links.get(resolved.path.split('/').pop()!);
        if (maker || link) report({ rule: 'run/unverified', severity: 'info', message: `Unverified input ${code(redirect.target.value)}: expected a file an earlier step creates; it may come from ${maker ?? `the link in the text (${link})`}`, word: redirect.target });
        else report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected ${code(redirect.target.value)}, expected a file that an earlier step creates`, word: redirect.target });
      }
      stdin = input?.toString('utf8') ?? null;
    }
  }
  const context: SimContext = {
    state: run.state,
    sandbox: run.sandbox,
    env: command.assignments.length > 0 ? env : run.env,
    command: { ...command, words },
    block,
    prerequisites: run.prerequisites,
    stdin,
    report,
    timeLimitMs: run.options.timeLimitMs,
    realTools: run.options.realTools,
    budget: run.budget,
    blockOfFile: (path) => run.files.get(path),
    lineOf: (word) => pointInCode(block, word.line, word.column).line,
    mayHaveMade: (path) => mayHaveMade(run, path),
    linked: (path) => run.links.get(path.split('/').pop()!) ?? null,
    place: run.places.get(block) ?? '',
  };
  let outcome: CommandOutcome;
  try {
    outcome = await dispatch(run, words, context, step, depth);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`${words.slice(0, 2).map((word) => word.value).join(' ')}\` with values nested deeper than the simulation can follow, expected values of ordinary depth: it was not run`, word: words[0]! });
    outcome = { status: 'skipped', output: '', note: 'nested too deep to simulate' };
  }
  await applyRedirects(run, block, command, outcome, report);
  let newErrors = 0;
  for (let index = findingsBefore; index < step.findings.length; index++) if (step.findings[index]!.severity === 'error') newErrors++;
  if (outcome.status === 'failed' && newErrors === 0 && softened > 0) {
    // It failed only on what the run cannot know: not verified, not a failure of the page.
    outcome = { ...outcome, status: 'skipped', note: `not verified: ${outcome.note}`, printed: { type: 'unknown', reason: 'the command depends on values the run does not know' } };
  } else if (outcome.status === 'failed' && newErrors === 0) {
    // Every failure carries an error finding.
    report({ rule: 'run/command-failed', severity: 'error', message: `Unexpected failure of \`${words.slice(0, 3).map((word) => word.value).join(' ')}\` (${outcome.note}), expected it to succeed`, word: words[0]! });
  }
  if (outcome.status !== 'failed' && newErrors > 0) outcome = { ...outcome, status: 'failed' };
  step.commands.push({ argv: words.map((word) => word.value), line: point.line, column: point.column, status: outcome.status, output: outcome.output.trim(), note: outcome.note });
  if (outcome.status === 'skipped') {
    run.notRun.push({ words: words.map((word) => word.value), line: point.line, cwd: run.sandbox.cwd, block });
    assumeNamespaces(run, words, point.line);
  }
  run.previous = { text: command.text, line: point.line, status: outcome.status, printed: outcome.printed };
  return { output: outcome.output, exitCode: outcome.exitCode ?? (outcome.status === 'failed' ? 1 : 0) };
}

/** `<your_release_name>`, `<bucket name>`: a value the reader substitutes (as the guard's shell lexer reads it). */
const PLACEHOLDER = /<(\p{L}[\p{L}\p{N}_.\-/:@]*(?: [\p{L}\p{N}_.\-/:@]+){0,5})>/gu;

function expand(run: RunState, word: RunWord, env: Record<string, string>, report: (entry: Report) => void): { value: string; why: string | null } {
  const expanded = expandWord(word, env);
  const unset = expanded.unset;
  let why: string | null = null;
  // Placeholders stand for the reader's own value: the run uses a name made from the placeholder.
  const value = expanded.value.replace(PLACEHOLDER, (whole, inner: string) => {
    const stand = inner.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'value';
    why ??= `the placeholder ${code(whole)} (the reader's own value)`;
    if (!run.unsetReported.has(whole)) {
      run.unsetReported.add(whole);
      report({ rule: 'run/placeholder', severity: 'info', message: `Unexpected placeholder ${code(whole)}, expected the reader's own value: the run uses ${code(stand)}`, word });
    }
    return stand;
  });
  for (const name of unset) {
    const setBy = run.unknownVariables.get(name);
    why ??= setBy ? `\`$${name}\`, set at line ${setBy} by a step that was not run` : `\`$${name}\`, which no step sets`;
    // Set by `name=$(…)`, which was not run: the name is known, its value is not; nothing to report.
    if (setBy || run.unsetReported.has(name)) continue;
    run.unsetReported.add(name);
    report({ rule: 'run/unset-variable', severity: 'info', message: `Unexpected \`$${name}\` that no step sets, expected \`export ${name}=…\` earlier or the reader's own value (it was kept as written)`, word });
  }
  return { value, why };
}

async function dispatch(run: RunState, words: RunWord[], context: SimContext, step: StepResult, depth: number): Promise<CommandOutcome> {
  const name = words[0]!.value;
  const simulator = SIMULATORS[name];
  if (simulator) return simulator(words, context);
  if (isShell(name)) return script(run, words, context, step, depth);
  const local = await runLocal(words, context);
  if (local) return local;
  if (name.includes('/') && (await context.sandbox.exists(name)) && context.sandbox.resolve(name).ok) {
    // A script an earlier step wrote (`./deploy.sh`): interpreted, never executed.
    return script(run, [{ ...words[0]!, value: 'sh' }, ...words], context, step, depth);
  }
  if (name.includes('/') && context.sandbox.record(name)?.origin === 'unknown') {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified program ${code(name)}: it comes from ${context.sandbox.record(name)!.by}, which the runner does not fetch or run`, word: words[0]! });
    return skipped(`${code(name)} is not known offline`);
  }
  const why = /^(python3?|pip3?|pymilvus|node|npm|npx|go|java|mvn|cargo)$/.test(name) ? 'it needs a language runtime and packages' : /^(docker|docker-compose|podman|nerdctl|minikube|kind|eksctl|az|terraform|milvus_cli|birdwatcher|milvus-backup)$/.test(name) ? 'it needs its own tool, daemon or cloud account' : 'it is none of the commands the runner runs or simulates';
  context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`${name}\`, expected a command the runner runs or simulates (${KNOWN.join(', ')}, …): ${why}, so it was not run`, word: words[0]! });
  return skipped(`\`${name}\` is not run: ${why}`, { type: 'unknown', reason: `\`${name}\` was not run` });
}

/** `bash x.sh`, `sh x.sh`, `source x.sh`, `./x.sh`: interpret a sandbox script; `-c` and stdin scripts are blocked. */
async function script(run: RunState, words: RunWord[], context: SimContext, step: StepResult, depth: number): Promise<CommandOutcome> {
  const args = words.slice(1);
  const file = args.find((word) => !word.value.startsWith('-'));
  if (args.some((word) => /^-\w*c/.test(word.value)) || !file) {
    context.report({ rule: 'run/blocked', severity: 'info', message: `Unexpected \`${words.map((word) => word.value).join(' ').slice(0, 60)}\` that starts a shell, expected simple commands the runner can interpret (it never starts a shell)`, word: words[0]! });
    return skipped('a shell is never started');
  }
  if (depth >= MAX_SCRIPT_DEPTH) {
    context.report({ rule: 'run/blocked', severity: 'error', message: `Unexpected script nesting deeper than ${MAX_SCRIPT_DEPTH}, expected scripts that do not call themselves`, word: file });
    return failed('scripts nested too deep');
  }
  const resolved = await context.sandbox.resolveReal(file.value);
  if (!resolved.ok) {
    context.report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified script ${code(file.value)}: ${resolved.reason} is outside the guide's working folder, which the runner never reads or runs`, word: file });
    return skipped('script outside the sandbox: not run');
  }
  const bytes = await context.sandbox.read(file.value);
  const origin = run.files.get(resolved.path);
  const record = run.sandbox.files.get(resolved.path);
  if (!bytes && record?.origin === 'unknown') {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified script ${code(file.value)}: expected its content, but it comes from ${record.by}, which the runner does not fetch`, word: file });
    return skipped(`${code(file.value)} is not known offline`);
  }
  const maker = bytes ? null : context.mayHaveMade(resolved.path);
  if (!bytes && maker) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified script ${code(file.value)}: expected its content; it may come from ${maker}`, word: file });
    return skipped(`${code(file.value)} is not known offline`);
  }
  const link = bytes ? null : context.linked(resolved.path);
  if (!bytes && link) {
    context.report({ rule: 'run/reader-file', severity: 'info', message: `Unexpected script ${code(file.value)} that no step creates, expected the reader to download it from the link in the text (${link}); the runner does not fetch it`, word: file });
    context.prerequisites.assumed.push(`file ${resolved.path} (downloaded by the reader from ${link})`);
    return skipped(`${code(file.value)} comes from a link in the text: not run`);
  }
  if (!bytes) {
    context.report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected script ${code(file.value)}, expected a file that an earlier step creates`, word: file });
    return failed('script missing');
  }
  const text = bytes.toString('utf8');
  const plan = await planShell(text);
  if (plan.syntaxError) {
    context.report({ rule: 'run/shell-syntax', severity: 'info', message: `Unexpected shell syntax in ${code(file.value)} (${parserWords(plan.syntaxError.message)}, line ${plan.syntaxError.line}), expected a script the shell parses: it was not run`, ...(origin ? { at: { block: origin.block, line: plan.syntaxError.line, column: plan.syntaxError.column } } : { word: file }) });
    return skipped('the script does not parse');
  }
  // The script's commands are reported inside the block it was written from, when there is one.
  const scriptBlock: CodeStep = origin?.block ?? { ...context.block, text, lines: [], segments: [] };
  const before = step.commands.length;
  await interpret(run, origin ? scriptBlock : context.block, plan, step, depth + 1);
  const inner = step.commands.slice(before);
  step.commands.splice(before);
  const failedInner = inner.find((command) => command.status === 'failed');
  const summary = `${inner.length} command(s) of ${code(file.value)} interpreted${failedInner ? `; \`${failedInner.argv.slice(0, 3).join(' ')}\` failed` : ''}`;
  return { status: failedInner ? 'failed' : inner.some((command) => command.status === 'ran') ? 'ran' : 'simulated', output: inner.map((command) => command.output).filter(Boolean).join('\n'), note: summary };
}

async function applyRedirects(run: RunState, block: CodeStep, command: RunCommand, outcome: CommandOutcome, report: (entry: Report) => void): Promise<void> {
  for (const redirect of command.redirects) {
    if (!/^(\d?>|>>|\d>>|&>|&>>|>\|)$/.test(redirect.op) || !redirect.target) continue;
    const target = redirect.target.value;
    if (target === '/dev/null' || /^&\d$/.test(target) || /^\d$/.test(target)) continue;
    if (/^2>/.test(redirect.op)) continue; // error output: the simulation has none
    const resolved = await run.sandbox.resolveReal(target);
    if (!resolved.ok) {
      // A system file on a node (`>> /etc/fstab`): never written; the page is not wrong for naming it.
      report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified redirection to ${code(target)}: ${resolved.reason} is outside the guide's working folder, so the output was not written (the runner never writes outside its sandbox)`, word: redirect.target });
      if (outcome.status !== 'failed') outcome.status = 'skipped';
      outcome.note = `not written: ${resolved.reason} is outside the working folder`;
      continue;
    }
    if (outcome.printed?.type === 'unknown' || outcome.status === 'skipped') {
      run.sandbox.note(target, { origin: 'unknown', line: pointInCode(block, redirect.line, redirect.column).line, by: `the output of \`${command.text.split('\n')[0]!.slice(0, 40)}\`` });
      continue;
    }
    const content = outcome.output.endsWith('\n') || outcome.output === '' ? outcome.output : `${outcome.output}\n`;
    const append = redirect.op.includes('>>');
    const existing = append ? ((await run.sandbox.read(target))?.toString('utf8') ?? '') : '';
    await run.sandbox.write(target, existing + content, { origin: 'command', line: pointInCode(block, redirect.line, redirect.column).line, by: `\`${command.text.split('\n')[0]!.slice(0, 40)}\`` });
    run.files.delete(resolved.path);
  }
}

/** Commands that install software, never files of the working folder. */
const INSTALLERS = /^(pip3?|apt|apt-get|yum|dnf|brew|snap|conda|npm|choco|winget)$/;

/**
 * Why a file no step created may exist all the same, or null: the run left the sandbox (`cd /data`),
 * the guide shows only an excerpt of it, or a command that was not run may have made it (one of
 * its words names the file's first folder or stem, or it ran earlier in the same block).
 */
function mayHaveMade(run: RunState, path: string): string | null {
  const outside = run.sandbox.outside;
  if (outside) return `the reader's working folder, which the run left with ${code(`cd ${outside.path}`)} (line ${outside.line})`;
  const excerpt = run.excerpts.get(path);
  if (excerpt !== undefined) return `the file the guide shows only an excerpt of (line ${excerpt})`;
  const say = (command: RunState['notRun'][number]): string => `${code(command.words.join(' ').slice(0, 60))} (line ${command.line}), which was not run`;
  for (const command of [...run.notRun].reverse()) {
    // The path as seen from the folder the command ran in.
    const relative = command.cwd && path.startsWith(`${command.cwd}/`) ? path.slice(command.cwd.length + 1) : path;
    const first = relative.replace(/^\.\//, '').split('/')[0]!;
    const stem = first.replace(/\.(tar\.gz|tgz|zip|tar)$/, '');
    if (!stem || stem === '.') continue;
    if (command.words.slice(1).some((word) => word === first || word === stem || word.replace(/\/$/, '') === first || word.replace(/\.(tar\.gz|tgz|zip|tar|git)$/, '').split('/').pop() === stem)) return say(command);
  }
  // A program of the same block that was not run (`python generate.py` before `kubectl apply -f out.yaml`).
  const program = (command: RunState['notRun'][number]): string => (command.words[0] === 'sudo' ? (command.words[1] ?? '') : (command.words[0] ?? ''));
  const local = [...run.notRun].reverse().find((command) => command.block === run.current && /^(\.{0,2}\/)?[A-Za-z0-9_][\w.+\/-]*$/.test(program(command)) && !INSTALLERS.test(program(command)) && !['kubectl', 'helm', 'aws', 'gcloud', 'echo'].includes(program(command)));
  if (local) return say(local);
  return null;
}

/** Tools whose `-n` means the namespace. */
const NAMESPACE_TOOLS = /^(eksctl|istioctl|oc|linkerd|velero|argocd|helmfile|skaffold|kubectl-.*)$/;

/**
 * A command that was not run but names a namespace (`eksctl create iamserviceaccount --namespace
 * milvus` creates it): the namespace may exist afterwards, so later steps may use it.
 */
function assumeNamespaces(run: RunState, words: RunWord[], line: number): void {
  const values = words.map((word) => word.value);
  const tool = values[0] ?? '';
  if (['kubectl', 'helm'].includes(tool)) return;
  for (let i = 1; i < values.length; i++) {
    let namespace: string | undefined;
    if (values[i] === '--namespace' || (values[i] === '-n' && NAMESPACE_TOOLS.test(tool))) namespace = values[i + 1];
    else if (values[i]!.startsWith('--namespace=')) namespace = values[i]!.slice('--namespace='.length);
    if (!namespace || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || hasNamespace(run.state, namespace)) continue;
    setOwn(run.state.namespaces, namespace, { line, by: `\`${values.slice(0, 4).join(' ')}\` (line ${line}), which was not run`, assumed: true });
  }
}


/** Whether a command name is one the runner handles (simulated, real or builtin). */
export function handles(name: string): boolean {
  return name in SIMULATORS || isLocalCommand(name);
}

/**
 * The shell parser's message, with what it quotes (`closing quote "\`"`) shown as code: a backtick
 * it quotes would otherwise open a code span that never closes in the message.
 */
function parserWords(message: string): string {
  return message.replace(/"([^"]+)"/g, (_, quoted: string) => codeInMessage(quoted));
}
