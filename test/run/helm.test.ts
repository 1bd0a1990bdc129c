import { describe, expect, it } from 'vitest';
import { parseSetValues } from '../../src/run/simulators/helm.ts';
import { errors, file, rules, run, sh } from './helpers.ts';

describe('helm --set syntax', () => {
  it('parses keys, nested paths, lists, indices, escapes and types like Helm', () => {
    expect(parseSetValues('service.type=ClusterIP,replicas=3,tls.enabled=true', false)).toEqual({
      entries: [
        { path: ['service', 'type'], value: 'ClusterIP' },
        { path: ['replicas'], value: 3 },
        { path: ['tls', 'enabled'], value: true },
      ],
      error: null,
    });
    expect(parseSetValues('hosts={a.example.com,b.example.com},list[1].name=x', false).entries).toEqual([
      { path: ['hosts'], value: ['a.example.com', 'b.example.com'] },
      { path: ['list', 1, 'name'], value: 'x' },
    ]);
    expect(parseSetValues('annotations.cloud\\.google\\.com/neg=true', true).entries).toEqual([{ path: ['annotations', 'cloud.google.com/neg'], value: 'true' }]);
    expect(parseSetValues('service.type', false).error).toBe('key `service.type` has no value');
  });
});

describe('helm upgrade / install', () => {
  it('assumes the release of `helm upgrade` from the prerequisites, and models the milvus chart’s Service', async () => {
    const report = await run(sh('helm upgrade milvus-demo milvus/milvus -n milvus --set service.type=ClusterIP\nkubectl get svc milvus-demo -n milvus'));
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/assumed-release', 'info']]);
    expect(report.prerequisites).toEqual(['Helm release milvus-demo (milvus/milvus) in namespace milvus (inferred from helm upgrade)']);
    const [upgrade, get] = report.steps[0]!.commands;
    expect(upgrade!.output).toMatch(/Release "milvus-demo" has been upgraded[\s\S]*REVISION: 2/);
    expect(get!.output).toMatch(/milvus-demo\s+ClusterIP\s+\S+\s+<none>\s+19530\/TCP,9091\/TCP/);
  });

  it('names the Service `<release>-milvus` when the release name does not contain the chart name', async () => {
    const report = await run(sh('helm upgrade my-release milvus/milvus\nkubectl get service my-release-milvus'));
    expect(errors(report)).toEqual([]);
  });

  it('installs after `helm repo add`, and refuses a chart from a repository the guide did not add', async () => {
    const ok = await run(sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm repo update\nhelm install my-release milvus/milvus --create-namespace -n db'));
    expect(ok.findings).toEqual([]);
    expect(ok.steps[0]!.commands.map((command) => command.status)).toEqual(['simulated', 'simulated', 'simulated']);
    const unknown = await run(sh('helm repo add zilliztech https://zilliztech.github.io/milvus-helm/\nhelm install my-release milvus/milvus'));
    expect(errors(unknown).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected chart repository `milvus`, expected one added earlier with `helm repo add milvus <url>` \(added: `zilliztech`\)/)]);
    // A guide that adds no repository at all relies on its prerequisites: an info.
    const assumed = await run(sh('helm install my-release milvus/milvus'));
    expect(assumed.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/assumed-repo', 'info']]);
    expect(assumed.prerequisites).toEqual(['Helm repository milvus (inferred from milvus/milvus)']);
  });

  it('refuses a namespace that does not exist without --create-namespace', async () => {
    const report = await run(sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install my-release milvus/milvus -n nowhere'));
    expect(rules(report, 'error')).toEqual(['run/unknown-namespace']);
  });

  it('once the guide installed a release, upgrading another name is an error (no assumption)', async () => {
    const report = await run(sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install my-release milvus/milvus\nhelm upgrade my-relase milvus/milvus --set a=b'));
    expect(errors(report).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected `helm upgrade my-relase` in namespace `default`, expected a release installed earlier \(`my-release` in `default`\)/)]);
  });

  it('reads -f values files: missing, invalid YAML, and the nested config of extraConfigFiles', async () => {
    const missing = await run(sh('helm upgrade my-release milvus/milvus -f values.yaml'));
    expect(rules(missing, 'error')).toEqual(['run/missing-file']);
    const invalid = await run([file('values.yaml', 'service:\n  type: ClusterIP\n type: LoadBalancer'), sh('helm upgrade my-release milvus/milvus --values values.yaml')].join('\n'));
    expect(rules(invalid, 'error')).toEqual(['run/invalid-yaml']);
    expect(errors(invalid)[0]!.line).toBe(invalid.steps[0]!.line + 2);
    const nested = await run([file('tls.yaml', 'extraConfigFiles:\n  user.yaml: |+\n    common:\n      security:\n     tlsMode: 1'), sh('helm upgrade my-release milvus/milvus -f tls.yaml')].join('\n'));
    expect(rules(nested, 'error')).toEqual(['run/invalid-values']);
    const good = await run([file('tls.yaml', 'extraConfigFiles:\n  user.yaml: |+\n    common:\n      security:\n        tlsMode: 1'), sh('helm upgrade my-release milvus/milvus -f tls.yaml')].join('\n'));
    expect(errors(good)).toEqual([]);
  });

  it('tells when an upgrade with new values drops values an earlier upgrade set', async () => {
    const report = await run([file('extra.yaml', 'metrics:\n  enabled: true'), sh('helm upgrade my-release milvus/milvus --set service.type=LoadBalancer\nhelm upgrade my-release milvus/milvus -f extra.yaml')].join('\n'));
    expect(report.findings.filter((finding) => finding.rule === 'run/values-reset').map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected reset of `service.type` \(set by the upgrade at line \d+\), expected `--reuse-values`/)]);
    const reused = await run([file('extra.yaml', 'metrics:\n  enabled: true'), sh('helm upgrade my-release milvus/milvus --set service.type=LoadBalancer\nhelm upgrade my-release milvus/milvus --reuse-values -f extra.yaml')].join('\n'));
    expect(rules(reused)).not.toContain('run/values-reset');
  });

  it('reports unknown flags and bad --set syntax', async () => {
    const flag = await run(sh('helm upgrade my-release milvus/milvus --sett service.type=ClusterIP'));
    expect(rules(flag, 'error')).toEqual(['run/unknown-flag']);
    const set = await run(sh('helm upgrade my-release milvus/milvus --set service.type'));
    expect(rules(set, 'error')).toEqual(['run/invalid-set']);
    const sub = await run(sh('helm upgarde my-release milvus/milvus'));
    expect(rules(sub, 'error')).toEqual(['run/unknown-command']);
  });

  it('a second install of the same release and chart is a warning (alternatives), of another chart an error', async () => {
    const same = await run(sh('helm install my-release milvus/milvus\nhelm install my-release milvus/milvus --set cluster.enabled=false'));
    expect(same.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/assumed-repo', 'info'],
      ['run/already-exists', 'warning'],
    ]);
    const other = await run(sh('helm install my-release milvus/milvus\nhelm install my-release milvus/milvus-operator'));
    expect(rules(other, 'error')).toEqual(['run/already-exists']);
  });

  it('names `--generate-name` releases the same way on every run, never twice the same (found by fuzzing: names came from the clock)', async () => {
    const guide = sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install --generate-name milvus/milvus\nhelm install --generate-name milvus/milvus\nhelm install --generate-name milvus/milvus\nhelm list');
    const first = await run(guide);
    expect(first.findings).toEqual([]);
    const second = await run(guide);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('uninstalls a release and its modelled objects', async () => {
    const report = await run(sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install my-release milvus/milvus\nhelm uninstall my-release\nkubectl get service my-release-milvus'));
    expect(rules(report, 'error')).toEqual(['run/not-found']);
  });
});
