/** The seed guides in content/, run for real: the findings the issue asks for, and no false errors. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseGuideFile } from '../../src/core/parse/index.ts';
import { runGuide } from '../../src/run/index.ts';
import type { RunReport } from '../../src/run/types.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function runSeed(path: string): Promise<RunReport> {
  const { guide } = await parseGuideFile(resolve(ROOT, path));
  guide.file = path;
  return runGuide(guide);
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, cwd: ROOT });
  return { code, stdout, stderr };
}

describe('content/de/gcp_layer7.md', () => {
  it('finds that `kubectl -f ./config/samples/ingress.yaml get -w` uses a file no step created', async () => {
    const report = await runSeed('content/de/gcp_layer7.md');
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([
      {
        rule: 'run/missing-file',
        severity: 'error',
        message: expect.stringMatching(/^Unexpected `\.\/config\/samples\/ingress\.yaml`, expected a file that an earlier step creates \(created so far: .*`ingress\.yaml`\)$/),
        file: 'content/de/gcp_layer7.md',
        line: 232,
        column: 13,
      },
    ]);
    const step = report.steps.find((candidate) => candidate.line === 232)!;
    expect(step.status).toBe('failed');
    // The table after it is not compared with a command that failed.
    expect(report.steps.find((candidate) => candidate.line === 238)!.status).toBe('skipped');
    // Everything before it worked: the chart's Service was annotated, openssl made the certificate,
    // the secret and the managed certificate exist, and both Ingress variants reference them.
    expect(report.steps.filter((candidate) => candidate.line < 232).map((candidate) => candidate.status)).not.toContain('failed');
    expect(report.steps.find((candidate) => candidate.line === 113)!.status).toBe('ran');
    expect(report.steps.find((candidate) => candidate.line === 159)!.reason).toMatch(/^compared with the simulated managedcertificate/);
    expect(report.findings.map((finding) => finding.rule).sort()).toEqual(['run/assumed-release', 'run/file-after-command', 'run/missing-file']);
  });

  it('exits 1 from `polyguide run gcp_layer7`', async () => {
    const { code, stdout } = await cli(['run', 'gcp_layer7']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/content\/de\/gcp_layer7\.md:232:13 {2}Unexpected `\.\/config\/samples\/ingress\.yaml`/);
  });
});

describe('content/ru/aws_layer7.md', () => {
  it('finds that ingress.yaml is not a valid Ingress', async () => {
    const report = await runSeed('content/ru/aws_layer7.md');
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'run/invalid-yaml', file: 'content/ru/aws_layer7.md', line: 59, column: 1 });
    expect(errors[0]!.message).toMatch(/^Unexpected `ingressClassName:` at column 1, level with `spec:` \(line 58\).* — `ingress\.yaml` is not a valid Ingress: kubectl would reject it$/);
    expect(report.steps.find((step) => step.line === 74)!.status).toBe('failed');
    expect(report.steps.find((step) => step.line === 80)!.status).toBe('failed');
  });
});

describe.each(['de', 'pt', 'id'])('content/%s/aws_layer7.md', (locale) => {
  it('runs clean: no error, no warning; prerequisites are infos', async () => {
    const report = await runSeed(`content/${locale}/aws_layer7.md`);
    expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    expect(report.findings.map((finding) => finding.rule).sort()).toEqual(['run/assumed-release', 'run/placeholder', 'run/reader-file', 'run/reader-file', 'run/reader-file']);
    expect(report.steps.map((step) => step.status)).toEqual(['simulated', 'simulated', 'ran', 'simulated', 'simulated', 'simulated', 'skipped']);
    expect(report.steps.at(-1)!.reason).toMatch(/^Python snippet: it needs a live Milvus server/);
    const { code } = await cli(['run', 'aws_layer7', '--locale', locale]);
    expect(code).toBe(0);
  });
});

describe('polyguide run --all-locales --format json', () => {
  it('runs every locale of aws_layer7 and exits 1 because of ru', async () => {
    const { code, stdout } = await cli(['run', 'aws_layer7', '--all-locales', '--format', 'json']);
    expect(code).toBe(1);
    const { reports } = JSON.parse(stdout) as { reports: RunReport[] };
    expect(reports.map((report) => [report.guide.locale, report.summary.errors])).toEqual([
      ['de', 0],
      ['id', 0],
      ['pt', 0],
      ['ru', 1],
    ]);
  });
});
