/** One reporter module per output format; each turns a CheckResult into text. */
import type { CheckResult } from '../types.ts';
import { lookupTable } from '../../core/content-keys.ts';

export interface ReporterOptions {
  /** Colours in pretty output. */
  color?: boolean;
  /** Reads a file's text for code frames (pretty only). */
  readText?: (file: string) => string | null;
  /** Show info-level findings in pretty output. */
  verbose?: boolean;
}

export type Reporter = (result: CheckResult, options: ReporterOptions) => string;

/** Loaded on demand: a cached check should not pay for code frames and diffs it does not print. */
export const REPORTERS = lookupTable<() => Promise<Reporter>>({
  pretty: async () => (await import('./pretty.ts')).formatPretty,
  json: async () => (await import('./json.ts')).formatJson,
  github: async () => (await import('./github.ts')).formatGithub,
  sarif: async () => (await import('./sarif.ts')).formatSarif,
});
