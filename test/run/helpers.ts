/** Helpers for the runner tests: guides from Markdown text, runs with a short time limit. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Guide } from '../../src/core/model.ts';
import { parseGuideText } from '../../src/core/parse/index.ts';
import { runGuide } from '../../src/run/index.ts';
import type { RunFinding, RunOptions, RunReport } from '../../src/run/types.ts';

export const FENCE = '```';

/** A guide from Markdown body text (front matter added), parsed like a content file. */
export function guideFrom(body: string, frontMatter = ''): Guide {
  const text = `---\nid: test_guide.md\ntitle: Test guide\n${frontMatter}---\n\n# Test {#test}\n\n${body}\n`;
  return parseGuideText('content/en/test_guide.md', text, { locale: 'en' }).guide;
}

/** Shell block. */
export function sh(text: string): string {
  return `${FENCE}bash\n${text}\n${FENCE}\n`;
}

/** A file block named by its prose. */
export function file(name: string, text: string, lang = 'yaml'): string {
  return `Save it as \`${name}\`.\n\n${FENCE}${lang}\n${text}\n${FENCE}\n`;
}

export function output(text: string): string {
  return `The output is similar to:\n\n${FENCE}shell\n${text}\n${FENCE}\n`;
}

export async function run(body: string, options: RunOptions = {}, frontMatter = ''): Promise<RunReport> {
  return runGuide(guideFrom(body, frontMatter), { timeLimitMs: 10_000, ...options });
}

export function rules(report: RunReport, severity?: RunFinding['severity']): string[] {
  return report.findings.filter((finding) => !severity || finding.severity === severity).map((finding) => finding.rule);
}

export function errors(report: RunReport): RunFinding[] {
  return report.findings.filter((finding) => finding.severity === 'error');
}

/** A temporary parent folder for sandboxes, to check what is left around them. */
export async function tempParent(): Promise<{ path: string; entries(): Promise<string[]>; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'polyguide-run-test-'));
  return { path, entries: async () => (await readdir(path)).sort(), remove: () => rm(path, { recursive: true, force: true }) };
}
