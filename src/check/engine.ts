/**
 * Checking one guide set: all locales of one guide together. Block rules validate each code
 * block; set rules compare the locales; the result is diagnostics plus a verdict per block.
 */
import type { CodeStep, Guide, Point } from '../core/model.ts';
import { pointInCode } from '../core/positions.ts';
import { codeBlocks } from '../core/walk.ts';
import { placedBlocks, type PlacedBlock } from './cross/align.ts';
import { codeIdentifierTokens } from './cross/tokens.ts';
import { planSet, type SetPlan } from './cross/plan.ts';
import { formatMessage, toDiagnostic, worst, type Finding } from './diagnostics.ts';
import { analyzeBlock } from './languages/index.ts';
import { blockRules } from './rules/code/index.ts';
import { setRules } from './rules/index.ts';
import type { SetRule } from './rules/cross/rule.ts';
import type { Analysis, BlockRule, BlockVerdict, Diagnostic } from './types.ts';
import { contentRecord } from '../core/content-keys.ts';

export interface SetMember {
  /** Path shown in diagnostics (relative to the working directory). */
  file: string;
  locale: string;
  guide: Guide;
  source: string;
  /** Parse warnings and notes, already as findings. */
  parseFindings: Finding[];
}

export interface SetResult {
  diagnostics: Diagnostic[];
  verdicts: Record<string, BlockVerdict[]>;
}

export interface EngineOptions {
  /** Source locale, used as the reference when the set has it. */
  source: string | null;
  blockRules?: BlockRule[];
  setRules?: SetRule[];
  /** Extra findings per file from other checkers (e.g. `polyguide run`). */
  extraFindings?: (member: SetMember) => Promise<Finding[]>;
}

export async function checkGuideSet(members: SetMember[], options: EngineOptions): Promise<SetResult> {
  const rulesForBlocks = options.blockRules ?? blockRules;
  const rulesForSets = options.setRules ?? setRules;
  const findings = new Map<string, Finding[]>(members.map((member) => [member.locale, [...member.parseFindings]]));
  const analyses = new Map<CodeStep, Analysis>();
  const blockErrors = new Set<string>();
  /** Findings of each block, by locale and block index, for verdicts. */
  const blockFindings = new Map<string, Finding[]>();
  const blocksOf = new Map(members.map((member) => [member, codeBlocks(member.guide)]));

  for (const member of members) {
    const blocks = blocksOf.get(member)!;
    for (let index = 0; index < blocks.length; index++) {
      const block = blocks[index]!;
      const analysis = await analyzeBlock(block);
      analyses.set(block, analysis);
      for (const rule of rulesForBlocks) {
        if (rule.meta.languages && !rule.meta.languages.includes(block.language)) continue;
        if (rule.meta.roles && !rule.meta.roles.includes(block.role)) continue;
        const checking = rule.check({
          guide: member.guide,
          block,
          analysis,
          report(report) {
            const at: Point = report.at ?? pointInCode(block, report.line ?? 1, report.column ?? 1);
            const template = rule.messages[report.messageId] ?? report.messageId;
            const finding: Finding = { rule: rule.meta.id, severity: report.severity ?? rule.meta.severity, message: formatMessage(template, report.data), at };
            findings.get(member.locale)!.push(finding);
            const key = `${member.locale}#${index}`;
            const listed = blockFindings.get(key);
            if (listed) listed.push(finding);
            else blockFindings.set(key, [finding]);
            if (finding.severity === 'error') blockErrors.add(key);
          },
        });
        // Most rules answer at once: awaiting every answer would cost a turn of the microtask
        // queue per rule and block (tens of thousands on a large docs repository).
        if (checking) await checking;
      }
    }
  }

  const guides = new Map(members.map((member) => [member.locale, member.guide]));
  const blocksByLocale = new Map<string, PlacedBlock[]>(members.map((member) => [member.locale, placedBlocks(member.guide)]));
  const plan = planSet(blocksByLocale, analyses, options.source);
  const memberOf = new Map(members.map((member) => [member.locale, member]));
  let codeTokens: Set<string> | null = null;

  for (const rule of rulesForSets) {
    rule.check({
      guides,
      sources: new Map(members.map((member) => [member.locale, member.source])),
      plan,
      // Only the identifier rule needs every token of every block: computed on first use.
      get codeTokens() {
        return (codeTokens ??= tokensOfAllCode([...blocksOf.values()]));
      },
      analysisOf: (block) => analyses.get(block)!,
      hasBlockError: (locale, index) => blockErrors.has(`${locale}#${index}`),
      report(report) {
        const template = rule.messages[report.messageId] ?? report.messageId;
        const reference = report.reference ? { file: memberOf.get(report.reference.locale)!.file, line: report.reference.at.line, column: report.reference.at.column, locale: report.reference.locale } : undefined;
        const finding: Finding = { rule: rule.meta.id, severity: report.severity ?? rule.meta.severity, message: formatMessage(template, report.data), at: report.at, reference, expected: report.expected, actual: report.actual };
        findings.get(report.locale)!.push(finding);
      },
    });
  }

  if (options.extraFindings) {
    for (const member of members) {
      const own = findings.get(member.locale)!;
      // The same defect found twice (a manifest that does not parse) is reported once.
      const taken = new Set(own.filter((f) => f.severity === 'error').map((f) => `${f.at.line}:${f.at.column}`));
      const blocks = blocksOf.get(member)!;
      for (const finding of await options.extraFindings(member)) {
        if (finding.severity === 'error' && taken.has(`${finding.at.line}:${finding.at.column}`)) continue;
        own.push(finding);
        // A finding inside a block counts in that block's verdict, so the site shows it there too.
        const index = blocks.findIndex((block) => block.position !== null && finding.at.line >= block.position.start.line && finding.at.line <= block.position.end.line);
        if (index !== -1) {
          const key = `${member.locale}#${index}`;
          blockFindings.set(key, [...(blockFindings.get(key) ?? []), finding]);
        }
      }
    }
  }

  attachReferencesToBlockErrors(plan, blockFindings, memberOf);
  const verdicts = buildVerdicts(members, blocksOf, plan, blockFindings, memberOf);

  const diagnostics: Diagnostic[] = [];
  for (const member of members) {
    // An unclosed `<a href="#x">` is reopened by the HTML parser in every block after it, each copy
    // at the start tag's place: one finding per rule, place and message is told.
    const told = new Set<string>();
    for (const finding of findings.get(member.locale)!) {
      const key = `${finding.rule}\0${finding.at.line}\0${finding.at.column}\0${finding.message}`;
      if (told.has(key)) continue;
      told.add(key);
      diagnostics.push(toDiagnostic(member.file, member.locale, member.guide.id, finding));
    }
  }
  // Verdict diagnostics are the same findings, now with file/locale attached.
  for (const [file, list] of Object.entries(verdicts)) {
    const member = members.find((m) => m.file === file)!;
    for (const verdict of list) verdict.diagnostics = verdict.diagnostics.map((d) => ({ ...d, file, locale: member.locale, guide: member.guide.id }));
  }
  return { diagnostics, verdicts };
}

/** A block error in a translation whose reference block is clean gets the reference as its cause. */
function attachReferencesToBlockErrors(plan: SetPlan, blockFindings: Map<string, Finding[]>, memberOf: Map<string, SetMember>): void {
  for (const column of plan.columns) {
    if (column.reference === null) continue;
    const reference = column.entries.get(column.reference)!;
    const referenceClean = !(blockFindings.get(`${reference.locale}#${reference.placed.index}`) ?? []).some((f) => f.severity === 'error');
    if (!referenceClean) continue;
    for (const entry of column.entries.values()) {
      if (entry.locale === reference.locale) continue;
      for (const finding of blockFindings.get(`${entry.locale}#${entry.placed.index}`) ?? []) {
        if (finding.severity !== 'error' || finding.reference) continue;
        const at = reference.placed.block.lines[0] ?? { line: 1, column: 1 };
        finding.reference = { file: memberOf.get(reference.locale)!.file, line: at.line, column: at.column, locale: reference.locale };
        finding.message += ` (the ${reference.locale} reference is valid)`;
        finding.expected ??= reference.placed.block.text;
        finding.actual ??= entry.placed.block.text;
      }
    }
  }
}

function buildVerdicts(members: SetMember[], blocksOf: Map<SetMember, CodeStep[]>, plan: SetPlan, blockFindings: Map<string, Finding[]>, memberOf: Map<string, SetMember>): Record<string, BlockVerdict[]> {
  const verdicts: Record<string, BlockVerdict[]> = contentRecord();
  const columnOf = new Map<string, SetPlan['columns'][number]>();
  for (const column of plan.columns) for (const entry of column.entries.values()) columnOf.set(`${entry.locale}#${entry.placed.index}`, column);

  for (const member of members) {
    const list: BlockVerdict[] = [];
    blocksOf.get(member)!.forEach((block, index) => {
      const key = `${member.locale}#${index}`;
      const own = blockFindings.get(key) ?? [];
      const column = columnOf.get(key);
      const sameIn: string[] = [];
      const differsIn: string[] = [];
      let replacement: BlockVerdict['replacement'];
      if (column) {
        const mine = column.entries.get(member.locale)!;
        for (const other of column.entries.values()) {
          if (other.locale === member.locale) continue;
          const same = sameMeaning(mine, other, column.reference);
          (same ? sameIn : differsIn).push(other.locale);
        }
        const hasError = own.some((f) => f.severity === 'error') || (mine.difference !== undefined && (mine.difference.kind === 'invalid' || mine.difference.kind === 'structure') && judgedByMeaning(block));
        if (hasError && column.reference !== null && column.reference !== member.locale) {
          const reference = column.entries.get(column.reference)!;
          const referenceClean = !(blockFindings.get(`${reference.locale}#${reference.placed.index}`) ?? []).some((f) => f.severity === 'error');
          if (referenceClean) {
            const at = reference.placed.block.lines[0] ?? { line: 1, column: 1 };
            replacement = { text: reference.placed.block.text, locale: reference.locale, file: memberOf.get(reference.locale)!.file, line: at.line };
          }
        }
      }
      const diagnostics = own.map((finding) => toDiagnostic(member.file, member.locale, member.guide.id, finding));
      const crossSeverity = column?.entries.get(member.locale)?.difference;
      const severities = own.map((f) => f.severity);
      if (crossSeverity?.kind === 'structure' || crossSeverity?.kind === 'invalid') severities.push(judgedByMeaning(block) ? 'error' : 'warning');
      if (crossSeverity?.kind === 'values') severities.push('warning');
      list.push({ index, label: labelOf(block, own), severity: worst(severities.filter((s) => s !== 'info')), sameIn: sameIn.sort(), differsIn: differsIn.sort(), replacement, diagnostics });
    });
    verdicts[member.file] = list;
  }
  return verdicts;
}

/** Blocks whose drift is an error: code in a language we parse, not output or plain text. */
function judgedByMeaning(block: CodeStep): boolean {
  return block.role !== 'output' && block.language !== 'text' && block.language !== 'other';
}

function sameMeaning(mine: { difference?: { kind: string } }, other: { difference?: { kind: string }; locale: string }, reference: string | null): boolean {
  const isSame = (kind: string | undefined): boolean => kind === undefined || kind === 'same' || kind === 'cosmetic';
  if (reference === null) return false;
  // Both compared with the reference: the same when both match it (or one is the reference).
  return isSame(mine.difference?.kind) && isSame(other.difference?.kind);
}

function labelOf(block: CodeStep, findings: Finding[]): string {
  const broken = findings.some((f) => f.severity === 'error');
  if (block.role === 'output') return 'expected output';
  const kind = block.language === 'yaml' ? (/^kind:\s*(\S+)/m.exec(block.text)?.[1] ?? 'YAML') : block.language === 'shell' ? 'shell' : block.language === 'python' ? 'Python' : block.language === 'json' ? 'JSON' : (block.lang ?? 'text');
  const checked = block.language !== 'text' && block.language !== 'other';
  if (!checked) return kind;
  return `${broken ? 'invalid' : 'valid'} ${kind}`;
}

/** The union of the identifier tokens of every distinct block text in the set (see codeIdentifierTokens). */
function tokensOfAllCode(blocksOfMembers: CodeStep[][]): Set<string> {
  const blocksByText = new Map<string, CodeStep>();
  for (const blocks of blocksOfMembers) for (const block of blocks) if (!blocksByText.has(block.text)) blocksByText.set(block.text, block);
  const tokens = new Set<string>();
  for (const [text, block] of blocksByText) for (const token of codeIdentifierTokens(text, block.language, block.lang)) tokens.add(token);
  return tokens;
}
