/**
 * Reading the files a command names: confined to the sandbox, created by an earlier step or brought
 * by the reader (declared, or inferred for certificate material a guide cannot print), and, for
 * manifests and values, validated like the guard validates them, with findings placed inside the
 * block the file was written from.
 */
import type { CodeStep } from '../../core/model.ts';
import { pointInCode } from '../../core/positions.ts';
import { standInRole, writeStandIn, type StandInRole } from '../pem.ts';
import type { RunWord } from '../shell.ts';
import { validateManifests, parseYamlData, type ValidationProblem } from '../validate.ts';
import { code, type SimContext } from './context.ts';

export type InputPurpose = 'manifest' | 'values' | 'certificate' | 'private-key' | 'chain' | 'json' | 'any';

export type Input =
  | { ok: true; path: string; bytes: Buffer; text: string; block: CodeStep | null; alternatives: Array<{ block: CodeStep; label: string }> }
  /** `unknown`: the file exists only as the target of a download that was not performed. */
  | { ok: false; unknown: boolean };

/** Files produced by commands in this run that hold certificate material (to tell typos from reader files). */
function producedCertificates(context: SimContext): string[] {
  return [...context.sandbox.files.values()].filter((file) => file.origin === 'command' && /\.(pem|crt|key|cer|csr)$/i.test(file.path)).map((file) => file.path);
}

export async function readInput(context: SimContext, word: RunWord, name: string, purpose: InputPurpose, flag?: string): Promise<Input> {
  const resolved = await context.sandbox.resolveReal(name);
  if (!resolved.ok) {
    // A file on a node or in a container, or the reader's own (`~/.kube/config`): never read, not a defect.
    context.report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified ${code(name)}: ${resolved.reason} is outside the guide's working folder, which the runner never reads`, word });
    return { ok: false, unknown: true };
  }
  // The file itself, or a folder it is in, came from a download, a clone or unknown output.
  const parts = resolved.path.split('/');
  const record = parts.map((_, index) => context.sandbox.files.get(parts.slice(0, parts.length - index).join('/'))).find((entry) => entry?.origin === 'unknown');
  if (record?.origin === 'unknown' && !(await context.sandbox.read(name))) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${code(name)}: expected its content, but it comes from ${record.by} (line ${record.line}), which the runner cannot know`, word });
    return { ok: false, unknown: true };
  }
  let bytes = await context.sandbox.read(name);
  if (!bytes && !(await context.sandbox.exists(name))) {
    const role: StandInRole | null = purpose === 'certificate' ? 'certificate' : purpose === 'private-key' ? 'private-key' : purpose === 'chain' ? 'chain' : null;
    const declared = context.prerequisites.files.has(resolved.path);
    const produced = producedCertificates(context);
    if (declared || (role && produced.length === 0)) {
      const note = await writeStandIn(context.sandbox, resolved.path, role ?? standInRole(resolved.path, flag), context.lineOf(word), context.timeLimitMs);
      if (!declared) {
        context.report({
          rule: 'run/reader-file',
          severity: 'info',
          message: `Unexpected ${code(name)} that no step creates, expected the reader to bring it: ${flag ? `${code(flag)} ` : ''}imports existing certificate material${note ? `; ${note} stands in for it` : ''}`,
          word,
        });
        context.prerequisites.assumed.push(`file ${resolved.path} (brought by the reader, inferred from ${flag ?? 'its use'})`);
      }
      bytes = await context.sandbox.read(name);
      if (!bytes) {
        context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${code(name)}: expected a stand-in certificate, but none could be generated here`, word });
        return { ok: false, unknown: true };
      }
    } else if (context.mayHaveMade(resolved.path)) {
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${code(name)}: expected a file an earlier step creates; it may come from ${context.mayHaveMade(resolved.path)}`, word });
      return { ok: false, unknown: true };
    } else if (context.linked(resolved.path)) {
      const link = context.linked(resolved.path)!;
      context.report({ rule: 'run/reader-file', severity: 'info', message: `Unexpected ${code(name)} that no step creates, expected the reader to download it from the link in the text (${link}); the runner does not fetch it`, word });
      context.prerequisites.assumed.push(`file ${resolved.path} (downloaded by the reader from ${link})`);
      return { ok: false, unknown: true };
    } else {
      const known = [...context.sandbox.files.values()].filter((file) => !file.path.startsWith('.polyguide')).map((file) => code(file.path));
      const near = role ? produced.map((path) => code(path)) : known;
      context.report({
        rule: 'run/missing-file',
        severity: 'error',
        message: `Unexpected ${code(name)}, expected a file that an earlier step creates (${near.length > 0 ? `created so far: ${near.join(', ')}` : 'no step created a file before this one'})`,
        word,
      });
      return { ok: false, unknown: false };
    }
  }
  if (!bytes) {
    context.report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected ${code(name)}, expected a file (it is a folder)`, word });
    return { ok: false, unknown: false };
  }
  const origin = context.blockOfFile(resolved.path);
  return { ok: true, path: resolved.path, bytes, text: bytes.toString('utf8'), block: origin?.block ?? null, alternatives: origin?.alternatives ?? [] };
}

/** Report validation problems of a file, inside the block it came from when there is one. */
export function reportProblems(context: SimContext, word: RunWord, input: { block: CodeStep | null; path: string }, problems: ValidationProblem[]): void {
  for (const problem of problems) {
    if (input.block) {
      // Line numbers inside the message are the file's; say them in the guide's lines.
      const block = input.block;
      const message = problem.message.replace(/\b(line|lines) (\d+)\b/g, (_whole, word: string, line: string) => `${word} ${pointInCode(block, Number(line), 1).line}`);
      context.report({ rule: problem.rule, severity: problem.severity ?? 'error', message, at: { block, line: problem.line, column: problem.column } });
    }
    else context.report({ rule: problem.rule, severity: problem.severity ?? 'error', message: `${problem.message} (in ${code(input.path)}, line ${problem.line})`, word });
  }
}

export interface LoadedManifests {
  path: string;
  text: string;
  block: CodeStep | null;
  documents: Array<{ body: Record<string, unknown>; index: number }>;
  /** True when validation found errors (the real command would refuse the file). */
  invalid: boolean;
}

/** Read and validate a manifest file (`kubectl apply -f`); null when it cannot be used. */
export async function loadManifests(context: SimContext, word: RunWord, name: string): Promise<LoadedManifests | null | 'unknown'> {
  const input = await readInput(context, word, name, 'manifest');
  if (!input.ok) return input.unknown ? 'unknown' : null;
  const validated = await validateManifests(input.text);
  const kind = /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(input.text)?.[1];
  const what = `${code(input.path)} is not a valid ${kind ?? 'manifest'}: kubectl would reject it`;
  reportProblems(
    context,
    word,
    input,
    validated.problems.map((problem) => ((problem.severity ?? 'error') === 'error' ? { ...problem, message: `${problem.message} — ${what}` } : problem)),
  );
  const invalid = validated.problems.some((problem) => (problem.severity ?? 'error') === 'error');
  return { path: input.path, text: input.text, block: input.block, documents: validated.documents, invalid };
}

/** Read a Helm values file: YAML whose top level is a mapping. */
export async function loadValues(context: SimContext, word: RunWord, name: string): Promise<Record<string, unknown> | null | 'unknown'> {
  const input = await readInput(context, word, name, 'values');
  if (!input.ok) return input.unknown ? 'unknown' : null;
  const parsed = await parseYamlData(input.text);
  reportProblems(context, word, input, parsed.problems);
  if (parsed.problems.some((problem) => (problem.severity ?? 'error') === 'error')) return null;
  const value = parsed.documents[0] ?? {};
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    reportProblems(context, word, input, [{ rule: 'run/invalid-values', severity: 'error', line: 1, column: 1, message: `Unexpected ${Array.isArray(value) ? 'a list' : 'a scalar'} at the top of values file ${code(input.path)}, expected a mapping of chart values` }]);
    return null;
  }
  // Values that hold configuration files (extraConfigFiles in the milvus chart) must parse as YAML too.
  const configs = (value as Record<string, unknown>).extraConfigFiles;
  if (configs && typeof configs === 'object' && !Array.isArray(configs)) {
    for (const [file, content] of Object.entries(configs as Record<string, unknown>)) {
      if (typeof content !== 'string' || !/\.ya?ml$/i.test(file)) continue;
      const inner = await parseYamlData(content);
      if (inner.problems.length > 0) {
        const first = inner.problems[0]!;
        reportProblems(context, word, input, [{ rule: 'run/invalid-values', severity: 'error', line: 1, column: 1, message: `Unexpected content of extraConfigFiles.${file}: ${first.message}, expected YAML the chart can mount` }]);
        return null;
      }
    }
  }
  return value as Record<string, unknown>;
}
