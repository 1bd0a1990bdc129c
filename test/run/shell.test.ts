import { describe, expect, it } from 'vitest';
import { expandWord, planShell } from '../../src/run/shell.ts';
import { errors, FENCE, rules, run, sh } from './helpers.ts';

describe('planShell', () => {
  it('splits simple commands with word positions, quotes resolved, continuation lines kept', async () => {
    const plan = await planShell('# comment\nopenssl req -new -key tls.key -out tls.csr \\\n    -subj "/CN=my-release.milvus.io"');
    expect(plan.syntaxError).toBeNull();
    expect(plan.items).toHaveLength(1);
    const item = plan.items[0]!;
    if (item.type !== 'pipeline') throw new Error('expected a pipeline');
    const words = item.commands[0]!.words;
    expect(words.map((word) => word.value)).toEqual(['openssl', 'req', '-new', '-key', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=my-release.milvus.io']);
    expect(words.at(-1)).toMatchObject({ line: 3, column: 11, quoted: true });
  });

  it('keeps `&&`, `||`, `;` and pipes; reports loops, functions, subshells, background jobs and substitutions as unsupported', async () => {
    const plan = await planShell('a && b || c; d | e\nwhile true; do :; done\nfor i in 1 2; do echo $i; done\nf() { rm -rf /; }\n(cd /; ls)\nsleep 100 &\necho $(whoami)\nif true; then echo x; fi');
    expect(plan.items.map((item) => (item.type === 'pipeline' ? `${item.connector} ${item.commands.map((command) => command.words[0]!.value).join('|')}` : `unsupported: ${item.reason}`))).toEqual([
      '; a',
      '&& b',
      '|| c',
      '; d|e',
      'unsupported: a `while` loop',
      'unsupported: a `for` loop',
      'unsupported: a function definition',
      'unsupported: a subshell `( … )`',
      'unsupported: a background job (`&`)',
      'unsupported: command substitution (`$(…)` or backquotes)',
      'unsupported: an `if` conditional',
    ]);
  });

  it('reports the parser’s syntax error', async () => {
    const plan = await planShell("echo 'unclosed");
    expect(plan.syntaxError).toMatchObject({ line: 1 });
  });

  it('expands variables outside single quotes only', () => {
    const env = { NS: 'milvus' };
    expect(expandWord({ value: '$NS', raw: '$NS', line: 1, column: 1, quoted: false }, env)).toEqual({ value: 'milvus', unset: [] });
    expect(expandWord({ value: 'x-${NS}-$OTHER', raw: '"x-${NS}-$OTHER"', line: 1, column: 1, quoted: true }, env)).toEqual({ value: 'x-milvus-$OTHER', unset: ['OTHER'] });
    expect(expandWord({ value: '$NS', raw: "'$NS'", line: 1, column: 1, quoted: true }, env)).toEqual({ value: '$NS', unset: [] });
  });
});

describe('interpreting shell blocks', () => {
  it('sets variables with export and uses them in later steps; reports unset ones', async () => {
    const report = await run([sh('export NS=milvus\nkubectl create namespace $NS'), sh('kubectl get ns "$NS"\nkubectl get ns $MISSING')].join('\n'));
    expect(report.steps[1]!.commands[0]!.output).toMatch(/^NAME\s+STATUS\s+AGE\nmilvus\s+Active/);
    // `$MISSING` may be the reader's own value: what it names cannot be checked, so no error.
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/unset-variable', 'info'],
      ['run/unverified', 'info'],
    ]);
    expect(report.findings[1]!.message).toMatch(/^Unverified `\$MISSING`: it depends on `\$MISSING`, which no step sets/);
  });

  it('runs `<placeholders>` with a stand-in name made from them, once reported as info', async () => {
    const report = await run(sh('helm install <your_release_name> milvus/milvus\nhelm upgrade <your_release_name> milvus/milvus --reuse-values'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.filter((finding) => finding.rule === 'run/placeholder').map((finding) => finding.message)).toEqual(["Unexpected placeholder `<your_release_name>`, expected the reader's own value: the run uses `your-release-name`"]);
    expect(report.steps[0]!.commands[1]!.output).toMatch(/^Release "your-release-name" has been upgraded/);
  });

  it('honours && and || after a failure', async () => {
    const report = await run(sh('kubectl get ns nowhere && echo reached\nkubectl get ns nowhere || echo fallback'));
    expect(report.steps[0]!.commands.map((command) => command.argv.join(' '))).toEqual(['kubectl get ns nowhere', 'kubectl get ns nowhere', 'echo fallback']);
  });

  it('writes files with `cat <<EOF > file` and echo redirections, inside the sandbox', async () => {
    const report = await run(sh("cat <<'EOF' > values.yaml\nservice:\n  type: ClusterIP\nEOF\necho 'metrics: {enabled: true}' >> values.yaml\ncat values.yaml\nhelm upgrade my-release milvus/milvus -f values.yaml"));
    expect(errors(report)).toEqual([]);
    expect(report.steps[0]!.commands[2]!.output).toBe('service:\n  type: ClusterIP\nmetrics: {enabled: true}');
  });

  it('interprets a script the guide wrote (`bash deploy.sh`), never a shell', async () => {
    const report = await run(['Save the script:\n', `${FENCE}bash title="deploy.sh"\nkubectl create namespace demo\nkubectl get ns demo\n${FENCE}\n`, sh('bash deploy.sh\nkubectl get ns demo')].join('\n'));
    expect(report.steps[0]!.status).toBe('ran');
    expect(errors(report)).toEqual([]);
    expect(report.steps[1]!.commands[0]!.note).toBe('2 command(s) of `deploy.sh` interpreted');
  });

  it('does not run a block that does not parse', async () => {
    const report = await run(sh("kubectl create namespace 'demo"));
    expect(report.steps[0]!.status).toBe('skipped');
    expect(rules(report, 'info')).toEqual(['run/shell-syntax']);
    expect(report.steps[0]!.commands).toEqual([]);
  });

  it('shows what the shell parser quotes as code: a backtick never closed (found by fuzzing: the message held a lone backtick)', async () => {
    const report = await run(sh('echo `date'));
    const finding = report.findings.find((candidate) => candidate.rule === 'run/shell-syntax')!;
    expect(finding.message).toContain('`` ` ``');
    expect(finding.message.replaceAll('`` ` ``', '').split('`').length % 2).toBe(1);
  });

  it('reports commands it neither runs nor simulates', async () => {
    const report = await run(sh('docker compose up -d\npython3 hello_milvus.py'));
    expect(report.steps[0]!.status).toBe('skipped');
    expect(report.findings.map((finding) => [finding.rule, finding.severity, finding.message.split(',')[0]])).toEqual([
      ['run/unsupported-command', 'info', 'Unexpected `docker`'],
      ['run/unsupported-command', 'info', 'Unexpected `python3`'],
    ]);
  });
});
