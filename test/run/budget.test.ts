/**
 * What one guide may ask of the runner (src/run/budget.ts): a hostile pull request of a hundred
 * thousand commands, thousands of openssl runs, or shell nested thousands deep must end in one
 * finding, not in minutes of work or a crash. Before, a pipeline of 95,000 `grep`s took 100 s,
 * 5,000 openssl commands did not end in two minutes, and `"$(echo "$(…` nested 100,000 deep
 * crashed the check with a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/core/format-count.ts';
import { RUN_LIMITS } from '../../src/run/budget.ts';
import { run, sh } from './helpers.ts';

function budgetFindings(report: Awaited<ReturnType<typeof run>>) {
  return report.findings.filter((finding) => finding.rule === 'run/too-many-commands');
}

describe('the run budget of one guide', () => {
  it('commands past the limit are not run, with one finding at the first of them', async () => {
    const lines = Array.from({ length: RUN_LIMITS.commands + 500 }, (_, index) => `echo ${index}`);
    const report = await run(sh(lines.join('\n')));
    const found = budgetFindings(report);
    expect(found).toHaveLength(1);
    // The block's first line is line 9 of the file: the first command past the limit is on line 9 + limit.
    expect(found[0]).toMatchObject({ severity: 'info', line: 9 + RUN_LIMITS.commands });
    expect(found[0]!.message).toContain(`more than ${formatCount(RUN_LIMITS.commands)} commands`);
    expect(report.steps[0]!.commands).toHaveLength(RUN_LIMITS.commands);
  });

  it('a later block is not run, and says why', async () => {
    const lines = Array.from({ length: RUN_LIMITS.commands + 1 }, (_, index) => `echo ${index}`);
    const report = await run(`${sh(lines.join('\n'))}\n${sh('kubectl get pods')}`);
    expect(report.steps[1]).toMatchObject({ status: 'skipped', reason: `not run: the guide's ${formatCount(RUN_LIMITS.commands)} commands were spent` });
  });

  it('a pipeline is counted command by command', async () => {
    const report = await run(sh(`cat notes.txt${' | grep a'.repeat(RUN_LIMITS.commands + 100)}`));
    expect(budgetFindings(report)).toHaveLength(1);
    expect(report.steps[0]!.commands.length).toBeLessThanOrEqual(RUN_LIMITS.commands);
  });

  it('a guide within the limit is run whole', async () => {
    const report = await run(sh(Array.from({ length: 300 }, (_, index) => `echo ${index}`).join('\n')));
    expect(budgetFindings(report)).toHaveLength(0);
    expect(report.steps[0]!.commands).toHaveLength(300);
  });

  it('openssl runs past the limit are not run, with one finding', async () => {
    const report = await run(sh(Array.from({ length: RUN_LIMITS.realToolRuns + 5 }, () => 'openssl version').join('\n')));
    const found = budgetFindings(report);
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(9 + RUN_LIMITS.realToolRuns);
    expect(found[0]!.message).toContain(`more than ${RUN_LIMITS.realToolRuns} openssl runs`);
    expect(report.steps[0]!.commands.filter((command) => command.status === 'skipped')).toHaveLength(5);
  });
});

describe('shell nested deeper than a recursive reader follows', () => {
  it('is reported on its block, and nothing in it is run', async () => {
    const depth = 100_000;
    const report = await run(sh(`echo ${'"$(echo '.repeat(depth)}x${')"'.repeat(depth)}`));
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/shell-syntax', 'info']]);
    expect(report.findings[0]!.message).toContain('nested deeper than the runner can follow');
    expect(report.steps[0]!.status).toBe('skipped');
  });

  it('a helm --set key path as deep is not simulated, and reported', async () => {
    const path = Array.from({ length: 100_000 }, (_, index) => `k${index}`).join('.');
    const report = await run(sh(`helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install demo milvus/milvus --set ${path}=1`));
    const deep = report.findings.filter((finding) => finding.message.includes('nested deeper than the simulation can follow'));
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatchObject({ rule: 'run/unsupported-command', severity: 'info', line: 10 });
  });
});
