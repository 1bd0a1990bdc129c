/**
 * Expected-output steps compared with what the simulation knows: a `kubectl get` table must name
 * objects the command lists (NAME), with the class, hosts, type… the simulated objects have;
 * YAML printed by `kubectl get -o yaml` must be about the object (kind, name, spec values, the
 * fields its status has); JSON printed by the AWS CLI must have the keys the simulated answer has;
 * `<resource>/<name> created` lines must match. Live values (addresses, ages, generated names,
 * statuses that change over time) are not compared.
 */
import { parse } from 'yaml';
import type { CodeStep } from '../core/model.ts';
import { columnsOf, resourceLabel } from './simulators/kubectl.ts';
import type { Printed } from './simulators/context.ts';
import type { KubeObject } from './simulators/cluster.ts';
import type { Severity, StepStatus } from './types.ts';
import { lookupTable } from '../core/content-keys.ts';

export interface OutputProblem {
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based line and column in the output block. */
  line: number;
  column: number;
}

export interface OutputCheck {
  status: StepStatus;
  reason: string;
  problems: OutputProblem[];
}

/** The command an output block shows the output of. */
export interface PreviousCommand {
  text: string;
  line: number;
  status: StepStatus;
  printed: Printed | undefined;
}

/** Columns whose values do not change while a guide runs (the rest are live: ages, addresses…). */
const STABLE_COLUMNS = lookupTable<string[]>({
  Ingress: ['NAME', 'CLASS', 'HOSTS'],
  Service: ['NAME', 'TYPE', 'PORT(S)'],
  Secret: ['NAME', 'TYPE', 'DATA'],
  ConfigMap: ['NAME', 'DATA'],
});
/** Keys whose values are live or generated: never compared. */
const VOLATILE = new Set(['certificateName', 'certificateStatus', 'status', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'ip', 'hostname', 'clusterIP', 'clusterIPs', 'lastTransitionTime', 'observedGeneration', 'managedFields', 'selfLink', 'conditions', 'address', 'expireTime', 'CertificateArn', 'Arn', 'UserId', 'Account', 'nodePort', 'kubectl.kubernetes.io/last-applied-configuration']);

export function checkOutput(block: CodeStep, previous: PreviousCommand | null): OutputCheck {
  if (!previous) return { status: 'skipped', reason: 'no command before this output to compare it with', problems: [] };
  const where = `\`${previous.text.split('\n')[0]!.slice(0, 60)}\` (line ${previous.line})`;
  if (previous.status === 'failed') return { status: 'skipped', reason: `the command it shows the output of, ${where}, failed`, problems: [] };
  const printed = previous.printed;
  if (!printed || printed.type === 'unknown') return { status: 'skipped', reason: `not compared: ${printed?.type === 'unknown' ? printed.reason : `${where} prints nothing the simulation knows`}`, problems: [] };
  if (previous.status === 'skipped') return { status: 'skipped', reason: `the command it shows the output of, ${where}, was not run`, problems: [] };
  switch (printed.type) {
    case 'table':
      return checkTable(block, printed, where);
    case 'objects':
      return checkObjects(block, printed.objects, where);
    case 'data':
      return checkData(block, printed.data, where);
    case 'text':
      return checkText(block, printed.text, where);
  }
}

function checkTable(block: CodeStep, printed: Extract<Printed, { type: 'table' }>, where: string): OutputCheck {
  const lines = block.text.split('\n');
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1) return { status: 'skipped', reason: 'empty output', problems: [] };
  const header = lines[headerIndex]!.trim().split(/\s{2,}|\t+/);
  const problems: OutputProblem[] = [];
  const sample = printed.objects[0];
  const simulatedHeader = sample ? columnsOf(sample).map(([name]) => name) : null;
  const withNamespace = header[0] === 'NAMESPACE';
  const shownHeader = withNamespace ? header.slice(1) : header;
  if (simulatedHeader && shownHeader.join(' ') !== simulatedHeader.join(' ')) {
    problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected columns ${shownHeader.join(' ')}, expected those of \`kubectl get ${printed.kind.names[0]}\`: ${simulatedHeader.join(' ')}`, line: headerIndex + 1, column: 1 + lines[headerIndex]!.search(/\S/) });
  }
  const stable = STABLE_COLUMNS[printed.kind.kind] ?? ['NAME'];
  const names = printed.objects.map((object) => object.name);
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const indent = line.search(/\S/);
    const cells = line.trim().split(/\s{2,}|\t+/);
    const offset = withNamespace ? 1 : 0;
    const name = cells[offset] ?? '';
    const nameColumn = indent + 1 + (withNamespace ? line.slice(indent).indexOf(name) : 0);
    const object = printed.objects.find((candidate) => candidate.name === name && (!withNamespace || candidate.namespace === cells[0]));
    if (!object) {
      if (printed.unknown) continue;
      problems.push({
        rule: 'run/output-mismatch',
        severity: 'error',
        message: `Unexpected ${printed.kind.kind} ${code(name)} in the NAME column, expected ${names.length > 0 ? `an object ${where} lists (${names.map(code).join(', ')})` : `no row: ${where} lists no ${printed.kind.kind}`}`,
        line: index + 1,
        column: nameColumn,
      });
      continue;
    }
    // Other stable columns, only where the row's cells line up with the header.
    const aligned = cells.length === header.length;
    const simulatedColumns = new Map(columnsOf(object));
    header.forEach((column, columnIndex) => {
      if (columnIndex <= offset || !stable.includes(column)) return;
      if (!aligned && columnIndex > offset + 2) return;
      const shown = cells[columnIndex];
      const expected = simulatedColumns.get(column);
      if (shown === undefined || expected === undefined || normalize(shown) === normalize(expected)) return;
      problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected ${column} ${code(shown)} for ${code(name)}, expected ${code(expected)} as the object was created`, line: index + 1, column: indent + 1 + line.slice(indent).indexOf(shown) });
    });
  }
  return { status: problems.some((problem) => problem.severity === 'error') ? 'failed' : 'simulated', reason: `compared with the simulated table of ${where}`, problems };
}

function normalize(value: string): string {
  return value.replace(/\s+/g, '').toLowerCase();
}

function code(text: string): string {
  return `\`${text.length > 70 ? `${text.slice(0, 67)}…` : text}\``;
}

function parseStructured(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

function checkObjects(block: CodeStep, objects: KubeObject[], where: string): OutputCheck {
  const data = parseStructured(block.text);
  if (!data || typeof data !== 'object') return { status: 'skipped', reason: 'the expected output does not parse as YAML or JSON; not compared', problems: [] };
  const problems: OutputProblem[] = [];
  const items = Array.isArray((data as Record<string, unknown>).items) ? ((data as Record<string, unknown>).items as unknown[]) : [data];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const shown = item as Record<string, unknown>;
    const metadata = (shown.metadata ?? {}) as Record<string, unknown>;
    let object = objects.find((candidate) => (shown.kind === undefined || candidate.kind === shown.kind) && (metadata.name === undefined || candidate.name === metadata.name));
    if (!object && (shown.kind !== undefined || metadata.name !== undefined)) {
      const place = placeOf(block.text, shown.kind !== undefined ? 'kind' : 'name');
      problems.push({ rule: 'run/output-mismatch', severity: 'error', message: `Unexpected ${shown.kind ?? 'object'} ${code(String(metadata.name ?? ''))}, expected the object ${where} prints (${objects.map((candidate) => `${candidate.kind} ${code(candidate.name)}`).join(', ') || 'none'})`, ...place });
      continue;
    }
    object ??= objects[0];
    if (!object) continue;
    compareTree(shown, object.body, [], block.text, problems, object);
  }
  return { status: problems.some((problem) => problem.severity === 'error') ? 'failed' : 'simulated', reason: `compared with the simulated ${objects.map((object) => `${resourceLabel(object.kind, object.apiVersion)}/${object.name}`).join(', ')} of ${where}`, problems };
}

/** Walk the expected tree; report fields the object does not have and stable values that differ. */
function compareTree(shown: unknown, actual: unknown, path: string[], text: string, problems: OutputProblem[], object: KubeObject): void {
  if (shown === null || typeof shown !== 'object') {
    const key = path.at(-1) ?? '';
    if (VOLATILE.has(key) || actual === undefined) return;
    if (actual !== null && typeof actual === 'object') return;
    if (String(shown) !== String(actual)) {
      problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected ${path.join('.')} ${code(String(shown))}, expected ${code(String(actual))} as ${object.kind} ${code(object.name)} was created`, ...placeOf(text, key, String(shown)) });
    }
    return;
  }
  if (Array.isArray(shown)) {
    const list = Array.isArray(actual) ? actual : [];
    shown.forEach((item, index) => {
      if (index < list.length) compareTree(item, list[index], [...path, String(index)], text, problems, object);
    });
    return;
  }
  const actualRecord = actual && typeof actual === 'object' && !Array.isArray(actual) ? (actual as Record<string, unknown>) : null;
  for (const [key, value] of Object.entries(shown as Record<string, unknown>)) {
    if (actualRecord && !Object.hasOwn(actualRecord, key)) {
      // Only where the simulation models the level (a modelled status, spec, metadata).
      if (Object.keys(actualRecord).length > 0 && !VOLATILE.has(key) && path[0] !== 'metadata') {
        problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected field ${[...path, key].join('.')}, expected the fields a ${object.kind} has there (${Object.keys(actualRecord).join(', ')})`, ...placeOf(text, key) });
      }
      continue;
    }
    compareTree(value, actualRecord?.[key], [...path, key], text, problems, object);
  }
}

/** The first line holding `key:` (and value), for positions inside the output block. */
function placeOf(text: string, key: string, value?: string): { line: number; column: number } {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const at = line.search(new RegExp(`(^|[\\s"{,-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*:`));
    if (at !== -1 && (value === undefined || line.includes(value))) return { line: index + 1, column: at + 1 + (/[\s"{,-]/.test(line[at]!) ? 1 : 0) };
  }
  return { line: 1, column: 1 };
}

function checkData(block: CodeStep, data: unknown, where: string): OutputCheck {
  const shown = parseStructured(block.text);
  if (shown === undefined || shown === null || typeof shown !== 'object') return { status: 'skipped', reason: 'the expected output does not parse as JSON or YAML; not compared', problems: [] };
  const problems: OutputProblem[] = [];
  const walk = (expected: unknown, actual: unknown, path: string[]): void => {
    if (!expected || typeof expected !== 'object' || Array.isArray(expected)) return;
    const actualRecord = actual && typeof actual === 'object' && !Array.isArray(actual) ? (actual as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      if (!Object.hasOwn(actualRecord, key)) {
        problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected key ${code([...path, key].join('.'))}, expected the keys ${where} prints (${Object.keys(actualRecord).join(', ') || 'none'})`, ...placeOf(block.text, key) });
        continue;
      }
      walk(value, actualRecord[key], [...path, key]);
    }
  };
  walk(shown, data, []);
  return { status: 'simulated', reason: `compared with the simulated answer of ${where}`, problems };
}

const RESULT_LINE = /^([\w.-]+\/[\w.-]+) (created|configured|unchanged|deleted|annotated|labeled|patched)$/;

function checkText(block: CodeStep, printed: string, where: string): OutputCheck {
  const simulatedLines = new Set(printed.split('\n').map((line) => line.trim()));
  const problems: OutputProblem[] = [];
  let compared = 0;
  block.text.split('\n').forEach((line, index) => {
    const match = RESULT_LINE.exec(line.trim());
    if (!match) return;
    compared++;
    if (simulatedLines.has(line.trim())) return;
    const sameObject = [...simulatedLines].find((candidate) => candidate.startsWith(`${match[1]} `));
    problems.push({ rule: 'run/output-mismatch', severity: 'warning', message: `Unexpected ${code(line.trim())}, expected ${sameObject ? code(sameObject) : `a line ${where} prints (${[...simulatedLines].filter(Boolean).map(code).join(', ') || 'nothing'})`}`, line: index + 1, column: 1 + line.search(/\S/) });
  });
  if (compared === 0) return { status: 'skipped', reason: `not compared: the output of ${where} has no lines the simulation knows`, problems };
  return { status: 'simulated', reason: `compared with the simulated output of ${where}`, problems };
}
