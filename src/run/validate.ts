/**
 * The same validation as the guard: a file a command reads is analysed by the guard's YAML adapter
 * (src/check/languages/yaml.ts: syntax, duplicate keys, Kubernetes schemas from src/check/
 * kubernetes.ts), and its problems become `run/*` findings placed in the file.
 */
import { isKubernetesObject } from '../check/kubernetes.ts';
import { analyzeText } from '../check/languages/index.ts';
import { parseYaml, type YamlAnalysis } from '../check/languages/yaml.ts';
import type { CodeProblem } from '../check/types.ts';
import type { Severity } from './types.ts';
import { lookupTable } from '../core/content-keys.ts';

export interface ValidationProblem {
  rule: string;
  severity?: Severity;
  /** 1-based line and column in the file's text. */
  line: number;
  column: number;
  message: string;
}

export interface ValidatedManifests {
  /** The documents that are Kubernetes objects, with their index among the file's documents. */
  documents: Array<{ body: Record<string, unknown>; index: number }>;
  problems: ValidationProblem[];
}

const RULES = lookupTable<string>({
  syntax: 'run/invalid-yaml',
  'duplicate-key': 'run/invalid-yaml',
  'kubernetes-schema': 'run/invalid-manifest',
  'kubernetes-unchecked': 'run/unchecked-kind',
});

function toProblem(problem: CodeProblem): ValidationProblem {
  return {
    rule: RULES[problem.kind] ?? `run/${problem.kind}`,
    severity: problem.severity ?? 'error',
    line: problem.line,
    column: problem.column,
    message: `Unexpected ${problem.found}, expected ${problem.expected}`,
  };
}

/** Validate a manifest file as `kubectl apply -f` would read it. */
export async function validateManifests(text: string): Promise<ValidatedManifests> {
  const analysis = (await analyzeText('yaml', text)) as YamlAnalysis;
  const problems = analysis.problems.map(toProblem);
  const documents: ValidatedManifests['documents'] = [];
  if (analysis.meaning === null) return { documents, problems };
  const parsed = parseYaml(text);
  parsed.documents.forEach((document, index) => {
    if (document.contents === null) return;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch {
      return;
    }
    if (value === null || value === undefined) return;
    if (!isKubernetesObject(value)) {
      const place = parsed.lineCounter.linePos(document.contents.range?.[0] ?? document.range[0]);
      problems.push({ rule: 'run/invalid-manifest', severity: 'error', line: place.line, column: place.col, message: `Unexpected ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping without `apiVersion` and `kind`' : 'a scalar'} as a manifest, expected a Kubernetes object with \`apiVersion\` and \`kind\`` });
      return;
    }
    documents.push({ body: value as Record<string, unknown>, index });
  });
  return { documents, problems };
}

/** Parse a YAML data file (Helm values) with the guard's checks, without Kubernetes schemas. */
export async function parseYamlData(text: string): Promise<{ documents: unknown[]; problems: ValidationProblem[] }> {
  const analysis = (await analyzeText('yaml', text)) as YamlAnalysis;
  const problems = analysis.problems.filter((problem) => !problem.kind.startsWith('kubernetes')).map(toProblem);
  // The analysis is shared (see analyzeText); the simulators get data of their own to change.
  return { documents: structuredClone(analysis.meaning ?? []), problems };
}
