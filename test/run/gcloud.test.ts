import { describe, expect, it } from 'vitest';
import { errors, rules, run, sh } from './helpers.ts';

describe('gcloud', () => {
  it('sets configuration and creates a cluster in the configured zone', async () => {
    const report = await run(sh('gcloud config set project milvus-testing-nonprod\ngcloud config set compute/zone us-west1-a\ngcloud container clusters create milvus-cluster --num-nodes 3 --machine-type n2-standard-4\ngcloud container clusters get-credentials milvus-cluster'));
    expect(report.findings).toEqual([]);
    expect(report.steps[0]!.commands.map((command) => command.note)).toEqual(['property project set', 'property compute/zone set', 'cluster milvus-cluster created in us-west1-a', 'kubeconfig entry for milvus-cluster']);
  });

  it('needs a location for a cluster and a whole number of nodes', async () => {
    const noZone = await run(sh('gcloud container clusters create milvus-cluster'));
    expect(errors(noZone).map((finding) => finding.message)).toEqual(['Unexpected no location for the cluster, expected `--zone`, `--region`, or `gcloud config set compute/zone <zone>` earlier']);
    const nodes = await run(sh('gcloud container clusters create c1 --zone us-west1-a --num-nodes three'));
    expect(rules(nodes, 'error')).toEqual(['run/invalid-command']);
  });

  it('get-credentials of a cluster other than the one created is an error; without any, it is a prerequisite', async () => {
    const other = await run(sh('gcloud container clusters create c1 --zone us-west1-a\ngcloud container clusters get-credentials c2 --zone us-west1-a'));
    expect(rules(other, 'error')).toEqual(['run/unknown-reference']);
    const assumed = await run(sh('gcloud container clusters get-credentials c2 --zone us-west1-a'));
    expect(assumed.findings).toEqual([]);
    expect(assumed.prerequisites).toEqual(['GKE cluster c2 (inferred from get-credentials)']);
  });

  it('creates a self-managed SSL certificate from openssl files, and rejects a missing key file', async () => {
    const made = sh('openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt -days 1 -subj "/CN=a.example.com"');
    const ok = await run([made, sh('gcloud compute ssl-certificates create my-cert --certificate=tls.crt --private-key=tls.key --global')].join('\n'));
    expect(ok.findings).toEqual([]);
    const missing = await run([made, sh('gcloud compute ssl-certificates create my-cert --certificate=tls.crt --private-key=tls.pem --global')].join('\n'));
    expect(rules(missing, 'error')).toEqual(['run/missing-file']);
  });

  it('checks firewall rules and addresses', async () => {
    const report = await run(sh('gcloud compute firewall-rules create allow-milvus --network default --allow tcp:19530\ngcloud compute addresses create milvus-ip --global\ngcloud compute addresses describe milvus-ip --global'));
    expect(report.findings).toEqual([]);
    const bad = await run(sh('gcloud compute firewall-rules create allow-milvus --allow tcp:port19530'));
    expect(rules(bad, 'error')).toEqual(['run/invalid-command']);
  });

  it('reports unknown groups and flags, skips interactive and unsimulated commands with a reason', async () => {
    const group = await run(sh('gcloud kontainer clusters list'));
    expect(rules(group, 'error')).toEqual(['run/unknown-command']);
    const flag = await run(sh('gcloud container clusters create c1 --zone us-west1-a --num-node 3'));
    expect(errors(flag).map((finding) => finding.message)).toEqual([expect.stringMatching(/^Unexpected the flag `--num-node`, expected one of the flags of gcloud container clusters create/)]);
    const login = await run(sh('gcloud auth login'));
    expect(login.steps[0]!.status).toBe('skipped');
    expect(rules(login)).toEqual(['run/interactive']);
    const unsimulated = await run(sh('gcloud sql instances list'));
    expect(unsimulated.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/unsupported-command', 'info']]);
  });
});
