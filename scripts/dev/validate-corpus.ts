/**
 * Runs every language adapter and block rule over all code blocks of a corpus of guides and prints
 * the findings per rule (counts, then the first few with file:line), plus timings.
 *
 *   npx node scripts/dev/validate-corpus.ts [root] [--all] [--rule=id] [--limit=N]
 *
 * root defaults to /work/shared/corpus/milvus-v2.4.x/en. Not a test: a tool to look for false alarms.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pointInCode } from '../../src/core/positions.ts';
import { parseGuideFile } from '../../src/core/parse/index.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import type { CodeStep, Guide } from '../../src/core/model.ts';
import { adapterFor, analyzeBlock, clearAnalysisCache } from '../../src/check/languages/index.ts';
import { blockRules } from '../../src/check/rules/code/index.ts';
import type { Analysis, Severity } from '../../src/check/types.ts';

const args = process.argv.slice(2);
const root = args.find((arg) => !arg.startsWith('--')) ?? '/work/shared/corpus/milvus-v2.4.x/en';
const limit = Number(args.find((arg) => arg.startsWith('--limit='))?.slice(8) ?? (args.includes('--all') ? Infinity : 5));
const onlyRule = args.find((arg) => arg.startsWith('--rule='))?.slice(7);

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...markdownFiles(path));
    else if (name.endsWith('.md')) files.push(path);
  }
  return files;
}

interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
}

const files = markdownFiles(root);
const parseStart = performance.now();
const guides: Array<{ file: string; guide: Guide; blocks: CodeStep[] }> = [];
for (const file of files) {
  const { guide } = await parseGuideFile(file);
  guides.push({ file, guide, blocks: codeBlocks(guide) });
}
const parseMs = performance.now() - parseStart;
const allBlocks = guides.flatMap((entry) => entry.blocks);

/** Analyses every block once; returns wall time and CPU time (user + system) in ms. */
async function analyzeAll(): Promise<{ wall: number; cpu: number }> {
  clearAnalysisCache();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const block of allBlocks) await analyzeBlock(block);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

// Cold: module imports, sh-syntax compilation, Kubernetes models loaded on first use.
const cold = await analyzeAll();
// Warm: the same work again with an empty analysis cache.
const warm = await analyzeAll();

const findings: Finding[] = [];
const byAdapter = new Map<string, number>();
const kubernetesObjects = new Map<string, number>();
const skipped = new Map<string, number>();
const rulesStart = performance.now();
for (const { file, guide, blocks } of guides) {
  for (const block of blocks) {
    const adapter = adapterFor(block).language;
    byAdapter.set(`${block.language}/${block.role} → ${adapter}`, (byAdapter.get(`${block.language}/${block.role} → ${adapter}`) ?? 0) + 1);
    const analysis: Analysis = await analyzeBlock(block);
    for (const object of (analysis as { objects?: Array<{ apiVersion: string; kind: string; status: string }> }).objects ?? []) {
      const key = `${object.status.padEnd(9)} ${object.apiVersion} ${object.kind}`;
      kubernetesObjects.set(key, (kubernetesObjects.get(key) ?? 0) + 1);
    }
    const reason = (analysis as { skipped?: string | null }).skipped;
    if (reason) {
      const key = `${block.language}: ${reason.replace(/\(`.*`.*\)/, '(…)')}`;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
    }
    for (const rule of blockRules) {
      if (rule.meta.languages && !rule.meta.languages.includes(block.language)) continue;
      if (rule.meta.roles && !rule.meta.roles.includes(block.role)) continue;
      await rule.check({
        guide,
        block,
        analysis,
        report(report) {
          const template = rule.messages[report.messageId] ?? report.messageId;
          const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(report.data?.[name] ?? ''));
          const at = report.at ?? pointInCode(block, report.line ?? 1, report.column ?? 1);
          findings.push({ rule: rule.meta.id, severity: report.severity ?? rule.meta.severity, message, file: relative(process.cwd(), file), line: at.line, column: at.column });
        },
      });
    }
  }
}
const rulesMs = performance.now() - rulesStart;

console.log(`${files.length} files, ${allBlocks.length} code blocks under ${root}`);
console.log('\nBlocks by language/role → adapter:');
for (const [key, count] of [...byAdapter.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${key}`);

console.log('\nKubernetes objects (status, apiVersion, kind):');
for (const [key, count] of [...kubernetesObjects.entries()].sort()) console.log(`  ${String(count).padStart(5)}  ${key}`);
console.log('\nBlocks not checked as their marked language (and why):');
for (const [key, count] of [...skipped.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${key}`);

console.log('\nFindings per rule:');
for (const rule of blockRules) {
  const list = findings.filter((finding) => finding.rule === rule.meta.id);
  console.log(`  ${String(list.length).padStart(5)}  ${rule.meta.id} (${rule.meta.severity})`);
}

for (const rule of blockRules) {
  if (onlyRule && rule.meta.id !== onlyRule) continue;
  const list = findings.filter((finding) => finding.rule === rule.meta.id);
  if (list.length === 0) continue;
  console.log(`\n${rule.meta.id}: ${list.length}`);
  for (const finding of list.slice(0, limit)) console.log(`  ${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}`);
  if (list.length > limit) console.log(`  … and ${list.length - limit} more`);
}

console.log('\nTimings:');
console.log(`  parse guides:          ${parseMs.toFixed(0)} ms (not the adapters' work)`);
console.log(`  analyse blocks, cold:  ${cold.wall.toFixed(0)} ms wall, ${cold.cpu.toFixed(0)} ms CPU (imports, WASM compile, Kubernetes models)`);
console.log(`  analyse blocks, warm:  ${warm.wall.toFixed(0)} ms wall, ${warm.cpu.toFixed(0)} ms CPU (${allBlocks.length} blocks, cache cleared)`);
console.log(`  run rules (cached):    ${rulesMs.toFixed(0)} ms`);
