/** One reporter module per output format; each turns a CheckResult into text. */
import type { CheckResult } from '../types.ts';
import { formatGithub } from './github.ts';
import { formatJson } from './json.ts';
import { formatPretty } from './pretty.ts';
import { formatSarif } from './sarif.ts';

export interface ReporterOptions {
  /** Colours in pretty output. */
  color?: boolean;
  /** Reads a file's text for code frames (pretty only). */
  readText?: (file: string) => string | null;
  /** Show info-level findings in pretty output. */
  verbose?: boolean;
}

export type Reporter = (result: CheckResult, options: ReporterOptions) => string;

export const REPORTERS: Record<string, Reporter> = {
  pretty: formatPretty,
  json: formatJson,
  github: formatGithub,
  sarif: formatSarif,
};
