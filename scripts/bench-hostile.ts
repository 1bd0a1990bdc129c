/**
 * Benchmark of `polyguide check` on hostile pages: each is generated here (every page stays under
 * the 2 MB limit), checked in a fresh process started as `npm run polyguide` starts it (run/*
 * included), and timed. These are the shapes a fuzzing pass found superlinear or fatal (a pipeline
 * of 95,000 commands took 100 s, two pages of 24,000 blocks 14 GB, `"$(echo "$(…` nested 171,000
 * deep crashed the check); the figures show they now stay linear and bounded.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const FENCE = '```';

const front = (title: string): string => `---\nid: page.md\ntitle: ${title}\n---\n\n# ${title} {#page}\n\n`;
const markdown = (title: string, blocks: string[]): string => front(title) + blocks.join('\n');
const fence = (lang: string, text: string): string => `${FENCE}${lang}\n${text}\n${FENCE}\n`;
const html = (body: string): string => `---\nid: page.md\ntitle: Page\n---\n<h1 id="page">Page</h1>${body}\n`;
const lines = (count: number, line: (index: number) => string): string => Array.from({ length: count }, (_, index) => line(index)).join('\n');

/** Pages by locale, per case. */
const CASES: Array<{ label: string; pages: () => Record<string, string> }> = [
  { label: '150,000 inline elements in a list', pages: () => ({ en: html(`<ul>${'<b>x</b>'.repeat(150_000)}<li>item</li></ul>`) }) },
  { label: 'colspan="100000000"', pages: () => ({ en: html('<table><thead><tr><th colspan="100000000">a</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>') }) },
  {
    label: '30,000 terms in one paragraph, en + de',
    pages: () => {
      const paragraph = (name: string) => `<p>${`<code>${name}</code> <em>host name</em> `.repeat(30_000)}</p><pre><code class="language-python">server_name = 1\n</code></pre>`;
      return { en: html(paragraph('server_name')), de: html(paragraph('servername')) };
    },
  },
  { label: 'a paragraph of 50,000 lines', pages: () => ({ en: markdown('Lines', [lines(50_000, () => 'a b')]) }) },
  { label: 'a paragraph of 4,995 `&amp;` lines (at limit)', pages: () => ({ en: markdown('Lines', [lines(4_995, () => 'a &amp; b')]) }) },
  { label: '2,000 `:::note` lines never closed', pages: () => ({ en: markdown('Notes', [':::note\n'.repeat(2_000)]) }) },
  {
    // The Markdown pieces' guessed cuts all fail here: the CDATA block takes in the whole page.
    label: 'a CDATA block after a list fence, then 23,000 sections',
    pages: () => ({ en: markdown('Swallowed', [`- Option\n  ${FENCE}yaml\n<![CDATA[\n  ${FENCE}\n`, ...Array.from({ length: 23_000 }, (_, index) => `## S ${index}\n\nText *${index}*.\n\n${fence('bash', `echo ${index}`)}`)]) }),
  },
  { label: 'a pipeline of 95,000 commands', pages: () => ({ en: markdown('Pipes', [fence('bash', `cat x${' | grep a'.repeat(95_000)}`)]) }) },
  { label: '5,000 openssl commands in 50 blocks', pages: () => ({ en: markdown('Keys', Array.from({ length: 50 }, (_, block) => fence('bash', lines(100, (index) => `openssl rand -out r${block}-${index}.txt -hex 8`)))) }) },
  { label: '36,000 shell blocks', pages: () => ({ en: markdown('Blocks', Array.from({ length: 36_000 }, (_, index) => fence('bash', `echo ${index}`))) }) },
  { label: '164,000 duplicate YAML keys', pages: () => ({ en: markdown('Keys', [fence('yaml', lines(164_000, () => 'a: 1'))]) }) },
  { label: '54,000 typographic quotes in Python', pages: () => ({ en: markdown('Quotes', [fence('python', lines(54_000, (index) => `print(“x${index}”)`))]) }) },
  {
    label: '24,000 blocks in en and in de',
    pages: () => {
      const page = (word: string) => markdown('Blocks', Array.from({ length: 24_000 }, (_, index) => fence('bash', `kubectl get pods -n ${word}${index}`)));
      return { en: page('ns'), de: page('nr') };
    },
  },
  {
    label: 'a 75,000-line YAML block, half changed, en + de',
    pages: () => ({
      en: markdown('Keys', [fence('yaml', lines(75_000, (index) => `key${index}: value${index}`))]),
      de: markdown('Keys', [fence('yaml', lines(75_000, (index) => (index % 2 ? `key${index}: value${index}` : `schluessel${index}: wert${index}`)))]),
    }),
  },
  { label: 'shell nested 100,000 deep', pages: () => ({ en: markdown('Deep', [fence('bash', `echo ${'"$(echo '.repeat(100_000)}x${')"'.repeat(100_000)}`)]) }) },
  { label: 'a --set path 100,000 keys deep', pages: () => ({ en: markdown('Deep', [fence('bash', `helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install demo milvus/milvus --set ${lines(100_000, (index) => `k${index}`).replace(/\n/g, '.')}=1`)]) }) },
];

export function benchHostile(): void {
  const root = mkdtempSync(join(tmpdir(), 'polyguide-bench-hostile-'));
  try {
    console.log('hostile: polyguide check (run/* included) on generated pages, each in a fresh process');
    CASES.forEach(({ label, pages }, index) => {
      const folder = join(root, `case-${index}`);
      let largest = 0;
      for (const [locale, text] of Object.entries(pages())) {
        mkdirSync(join(folder, locale), { recursive: true });
        writeFileSync(join(folder, locale, 'page.md'), text);
        largest = Math.max(largest, Buffer.byteLength(text));
      }
      const { seconds, peakMb, status, findings } = timedCheck(folder);
      console.log(`  ${label.padEnd(48)} ${(largest / 1048576).toFixed(2)} MB/page  ${seconds.toFixed(2)} s  peak RSS ${peakMb} MB  exit ${status}  ${findings}`);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function timedCheck(folder: string): { seconds: number; peakMb: number; status: number | null; findings: string } {
  const command = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.polyguide!;
  const options = command.split(/\s+/).filter((word) => word.startsWith('--'));
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...options, '--import', resolve(ROOT, 'scripts/lib/report-peak-rss.mjs'), resolve(ROOT, 'scripts/polyguide.mjs'), 'check', folder, '--format', 'json', '--no-cache'], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakKb = Number(/polyguide-peak-rss-kb (\d+)/.exec(result.stderr ?? '')?.[1] ?? 0);
  let findings = 'no report';
  const refusal = (result.stderr ?? '').split('\n').find((line) => / error: /.test(line));
  if (result.status === 2 && refusal) return { seconds, peakMb: Math.round(peakKb / 1024), status: result.status, findings: `refused: ${refusal.replace(/^.*? error: /, '').slice(0, 60)}…` };
  try {
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ rule: string }> };
    const counts = new Map<string, number>();
    for (const diagnostic of report.diagnostics) counts.set(diagnostic.rule, (counts.get(diagnostic.rule) ?? 0) + 1);
    findings = [...counts].map(([rule, count]) => `${rule} ×${count}`).join(', ') || 'no findings';
  } catch {
    findings = `no report: ${(result.stderr ?? '').split('\n').find((line) => line.trim() !== '' && !line.startsWith('polyguide-peak')) ?? ''}`;
  }
  return { seconds, peakMb: Math.round(peakKb / 1024), status: result.status, findings };
}

if (import.meta.main) benchHostile();
