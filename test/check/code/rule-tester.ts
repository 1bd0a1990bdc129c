/**
 * An ESLint RuleTester for block rules: each case is a code block (code + language [+ role]) put in
 * a small Markdown guide and parsed like any guide, analysed by its language adapter, then checked by
 * the rule with a context that records the reports. Valid cases must produce no report; invalid
 * cases exactly the listed ones (messageId, line and column in the code, optionally the message).
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../src/check/diagnostics.ts';
import { analyzeBlock } from '../../../src/check/languages/index.ts';
import type { Analysis, BlockReport, BlockRule, Severity } from '../../../src/check/types.ts';
import type { CodeRole, CodeStep, Guide } from '../../../src/core/model.ts';
import { parseGuideText } from '../../../src/core/parse/index.ts';
import { codeBlocks } from '../../../src/core/walk.ts';

export interface ValidCase {
  /** Shown as the test name (defaults to the first line of the code). */
  name?: string;
  code: string;
  /** The fence's language, as a guide writes it: `yaml`, `bash`, `python`… */
  lang: string;
  /** Forces the block's role (otherwise the classifier's). */
  role?: CodeRole;
  /** Fence meta, e.g. `title="ingress.yaml"`. */
  meta?: string;
}

export interface ExpectedReport {
  messageId: string;
  /** 1-based line and column inside the code. */
  line: number;
  column: number;
  /** A substring (or pattern) of the formatted message. */
  message?: string | RegExp;
  /** The severity of the report, when it overrides the rule's. */
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedReport[];
}

export interface RecordedReport extends BlockReport {
  message: string;
}

/**
 * Builds the code block exactly as a guide would: front matter, then one fenced block. Code line 1
 * is file line 6, which is what "line N" inside a message cites (reports' line/column are the
 * block's own).
 */
export function blockFromCode(code: string, lang: string, options: { role?: CodeRole; meta?: string } = {}): { guide: Guide; block: CodeStep } {
  const fence = code.includes('```') ? '~~~~' : '```';
  const info = [lang, options.meta].filter(Boolean).join(' ');
  const markdown = `---\ntitle: t\n---\n\n${fence}${info}\n${code}\n${fence}\n`;
  const { guide } = parseGuideText('en/test.md', markdown, { locale: 'en' });
  const blocks = codeBlocks(guide);
  if (blocks.length !== 1) throw new Error(`expected one code block, got ${blocks.length}`);
  const block = blocks[0]!;
  if (block.text !== code) throw new Error(`the guide parser changed the code:\n${JSON.stringify(block.text)}\n≠\n${JSON.stringify(code)}`);
  if (options.role) block.role = options.role;
  return { guide, block };
}

/** Runs one rule on one block as the engine does (language and role filters included). */
export async function runRule(rule: BlockRule, guide: Guide, block: CodeStep): Promise<{ reports: RecordedReport[]; analysis: Analysis }> {
  const analysis = await analyzeBlock(block);
  const reports: RecordedReport[] = [];
  if (rule.meta.languages && !rule.meta.languages.includes(block.language)) return { reports, analysis };
  if (rule.meta.roles && !rule.meta.roles.includes(block.role)) return { reports, analysis };
  await rule.check({
    guide,
    block,
    analysis,
    report(report) {
      expect(rule.messages, `messageId ${report.messageId} is declared`).toHaveProperty(report.messageId);
      reports.push({ ...report, message: formatMessage(rule.messages[report.messageId]!, report.data) });
    },
  });
  return { reports, analysis };
}

/** Checks a block and returns the reports (for tests that look at more than positions). */
export async function reportsFor(rule: BlockRule, code: string, lang: string, options: { role?: CodeRole; meta?: string } = {}): Promise<RecordedReport[]> {
  const { guide, block } = blockFromCode(code, lang, options);
  return (await runRule(rule, guide, block)).reports;
}

function caseName(entry: ValidCase): string {
  if (entry.name) return entry.name;
  const first = entry.code.split('\n').find((line) => line.trim() !== '') ?? '';
  return `${entry.lang}${entry.role ? `/${entry.role}` : ''}: ${first.length > 60 ? `${first.slice(0, 59)}…` : first}`;
}

export function ruleTester(rule: BlockRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('declares its messages and severity', () => {
      expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      for (const template of Object.values(rule.messages)) expect(template).toMatch(/^Unexpected .+, expected .+/);
      expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
    });

    describe('valid', () => {
      for (const entry of cases.valid) {
        it(caseName(entry), async () => {
          const { guide, block } = blockFromCode(entry.code, entry.lang, entry);
          const { reports } = await runRule(rule, guide, block);
          expect(reports.map((report) => `${report.line}:${report.column} ${report.message}`)).toEqual([]);
        });
      }
    });

    describe('invalid', () => {
      for (const entry of cases.invalid) {
        it(caseName(entry), async () => {
          expect(entry.errors.length, 'an invalid case lists its errors').toBeGreaterThan(0);
          const { guide, block } = blockFromCode(entry.code, entry.lang, entry);
          const { reports } = await runRule(rule, guide, block);
          const actual = reports.map((report) => ({ messageId: report.messageId, line: report.line, column: report.column }));
          expect(actual).toEqual(entry.errors.map(({ messageId, line, column }) => ({ messageId, line, column })));
          entry.errors.forEach((expected, index) => {
            const report = reports[index]!;
            if (expected.message instanceof RegExp) expect(report.message).toMatch(expected.message);
            else if (expected.message !== undefined) expect(report.message).toContain(expected.message);
            if (expected.severity !== undefined) expect(report.severity ?? rule.meta.severity).toBe(expected.severity);
          });
        });
      }
    });
  });
}
