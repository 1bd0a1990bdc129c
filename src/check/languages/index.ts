/**
 * Language adapters: which one reads a block, and the shared, cached analysis of a block.
 *
 * Output blocks are never parsed as code, whatever their language: they are compared as text.
 * A block is analysed once: analyses are cached by adapter language and text, so the same command
 * in five locales, or a block seen by ten rules, costs one parse.
 */
import type { CodeLanguage, CodeStep } from '../../core/model.ts';
import type { Analysis, LanguageAdapter } from '../types.ts';
import { jsonAdapter } from './json.ts';
import { pythonAdapter } from './python.ts';
import { shellAdapter } from './shell.ts';
import { TextCache } from './text-cache.ts';
import { textAdapter } from './text.ts';
import { yamlAdapter } from './yaml.ts';
import { isStackOverflow } from '../../core/parse/limits.ts';

export { commandsOf, type ShellAnalysis, type ShellCommand, type ShellRedirect } from './shell.ts';
export type { YamlAnalysis, KubernetesObjectSummary } from './yaml.ts';
export type { PythonAnalysis } from './python.ts';
export type { JsonAnalysis } from './json.ts';
export type { TextAnalysis } from './text.ts';

const BY_LANGUAGE: Record<CodeLanguage, LanguageAdapter> = {
  yaml: yamlAdapter,
  shell: shellAdapter,
  python: pythonAdapter,
  json: jsonAdapter,
  text: textAdapter,
  other: textAdapter,
};

/**
 * The adapter for a language, or for a block: a block whose role is `output` is read as text
 * (never parsed as commands or code).
 */
export function adapterFor(target: CodeLanguage | Pick<CodeStep, 'language' | 'role'>): LanguageAdapter {
  if (typeof target === 'string') return BY_LANGUAGE[target] ?? textAdapter;
  if (target.role === 'output') return textAdapter;
  return BY_LANGUAGE[target.language] ?? textAdapter;
}

/**
 * Analyses kept per adapter language, least recently used dropped first. A guide set repeats its
 * blocks across locales (a few hundred texts at most); keeping more only holds parse trees that
 * no later set asks for, which costs memory and garbage-collector time.
 */
const CACHE_LIMIT = 1_000;
/**
 * Per adapter language, analyses by text. Keyed by the block's own text string (not a language +
 * text concatenation), so a text's hash is computed once and no key string is built per look-up.
 */
const caches = new Map<string, TextCache<Analysis>>();

/** The analysis of a block by its adapter, computed once per adapter language and text. */
export function analyzeBlock(block: CodeStep): Promise<Analysis> {
  return analyzeOnce(adapterFor(block), block.text, block);
}

/**
 * The analysis of a text in a language, as for a block that is not output (a file a command
 * reads), from the same cache as analyzeBlock's. Shared with every other asker: read-only.
 */
export function analyzeText(language: CodeLanguage, text: string): Promise<Analysis> {
  return analyzeOnce(adapterFor(language), text);
}

function analyzeOnce(adapter: LanguageAdapter, text: string, block?: CodeStep): Promise<Analysis> {
  let cache = caches.get(adapter.language);
  if (!cache) caches.set(adapter.language, (cache = new TextCache(CACHE_LIMIT)));
  return cache.get(text, () => Promise.resolve().then(() => adapter.analyze(text, block as CodeStep)).catch((error: unknown) => tooDeep(error)));
}

/**
 * A block nested deeper than a recursive reader follows (`"$("$("…` thousands deep) is a
 * syntax problem of the block, not the end of the check.
 */
function tooDeep(error: unknown): Analysis {
  if (!isStackOverflow(error)) throw error;
  return { problems: [{ line: 1, column: 1, kind: 'syntax', found: 'code nested deeper than the checker can follow', expected: 'code nested to an ordinary depth' }], meaning: null };
}

/** Forgets every cached analysis (for long-running processes that reload their inputs). */
export function clearAnalysisCache(): void {
  caches.clear();
}
