import { describe, expect, it } from 'vitest';
import { errors, FENCE, file, output, rules, run, sh } from './helpers.ts';

const NAMESPACED = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b`;

describe('steps', () => {
  it('gives every step a status and a reason: files ran, commands simulated, snippets skipped with why', async () => {
    const report = await run([file('cm.yaml', NAMESPACED('cm', 'default')), sh('kubectl apply -f cm.yaml'), `${FENCE}python\nfrom pymilvus import connections\nconnections.connect(host="10.0.0.1")\n${FENCE}\n`, `${FENCE}yaml\nkey: value\n${FENCE}\n`].join('\n'));
    expect(report.steps.map((step) => [step.role, step.status, step.reason])).toEqual([
      ['file', 'ran', 'wrote `cm.yaml` (7 lines)'],
      ['command', 'simulated', 'configmap/cm created'],
      ['snippet', 'skipped', 'Python snippet: it needs a live Milvus server (10.0.0.1) and Python packages; not run'],
      ['snippet', 'skipped', 'an example YAML block that no step saves or applies; not run'],
    ]);
    expect(report.summary).toEqual({ ran: 1, simulated: 1, skipped: 2, failed: 0, errors: 0, warnings: 0, infos: 0 });
  });

  it('writes a file shown right after the command that uses it first, with a warning', async () => {
    const report = await run([sh('helm upgrade my-release milvus/milvus -f tls.yaml'), 'the tls.yaml content:\n', `${FENCE}yaml\nextraConfigFiles:\n  user.yaml: |+\n    common:\n      security:\n        tlsMode: 1\n${FENCE}\n`].join('\n'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.filter((finding) => finding.rule === 'run/file-after-command').map((finding) => [finding.severity, finding.line])).toEqual([['warning', report.steps[1]!.line]]);
    expect(report.steps[1]!.reason).toMatch(/before the command at line \d+ that uses it/);
  });

  it('tries alternative blocks for one file on a copy of the cluster and keeps the first', async () => {
    const body = [
      sh('kubectl create namespace one'),
      'Create the file with one of these:\n',
      `- First\n\n  Save it as \`cm.yaml\`.\n\n  ${FENCE}yaml\n  ${NAMESPACED('cm', 'one').split('\n').join('\n  ')}\n  ${FENCE}\n\n- Second\n\n  Save it as \`cm.yaml\`.\n\n  ${FENCE}yaml\n  ${NAMESPACED('cm', 'two').split('\n').join('\n  ')}\n  ${FENCE}\n`,
      sh('kubectl apply -f cm.yaml\nkubectl get cm cm -n one'),
    ].join('\n');
    const report = await run(body);
    // The second variant names a namespace that does not exist: found although it was not written;
    // its own step fails, the command (which used the first variant) succeeds.
    expect(report.steps.map((step) => step.status)).toEqual(['simulated', 'ran', 'failed', 'simulated']);
    expect(report.steps[2]!.reason).toBe('alternative for `cm.yaml`: it fails when `kubectl apply -f cm.yaml` reads it (see the findings)');
    expect(errors(report).map((finding) => [finding.rule, finding.line])).toEqual([['run/unknown-namespace', report.steps[2]!.line + 4]]);
    expect(report.steps[2]!.findings.map((finding) => finding.rule)).toEqual(['run/unknown-namespace']);
  });
});

describe('declared prerequisites', () => {
  it('starts from the releases, namespaces and objects in front matter run.given', async () => {
    const report = await run(sh('helm upgrade milvus-demo milvus/milvus -n milvus --set service.type=ClusterIP\nkubectl get svc milvus-demo -n milvus\nkubectl get secret reader-tls -n milvus'), {}, 'run:\n  given:\n    releases:\n      - { name: milvus-demo, chart: milvus/milvus, namespace: milvus }\n    objects:\n      - { kind: Secret, name: reader-tls, namespace: milvus }\n');
    expect(report.findings).toEqual([]);
    expect(report.prerequisites).toEqual(['Helm release milvus-demo (milvus/milvus) in namespace milvus (declared)', 'Secret reader-tls in namespace milvus (declared)']);
  });

  it('reports a malformed declaration, and honours run.skip', async () => {
    const bad = await run(sh('echo hi'), {}, 'run:\n  given:\n    file: [a.pem]\n');
    expect(bad.findings.map((finding) => [finding.rule, finding.message, finding.line])).toEqual([['run/invalid-prerequisites', 'Unexpected front matter: unknown key `run.given.file`', 1]]);
    const skipped = await run(sh('kubectl get pods'), {}, 'run:\n  skip: needs a GPU node\n');
    expect(skipped.steps.map((step) => [step.status, step.reason])).toEqual([['skipped', 'the guide declares it cannot be run: needs a GPU node']]);
    expect(rules(skipped)).toEqual([]);
  });
});
