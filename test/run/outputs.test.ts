import { describe, expect, it } from 'vitest';
import type { CodeStep } from '../../src/core/model.ts';
import { checkOutput } from '../../src/run/outputs.ts';
import type { KubeObject } from '../../src/run/simulators/cluster.ts';
import { kindFromResource } from '../../src/run/simulators/cluster.ts';

function block(text: string): CodeStep {
  return { kind: 'code', lang: 'shell', language: 'shell', role: 'output', fileName: null, fileNameSource: null, text, lines: text.split('\n').map((_, index) => ({ line: 10 + index, column: 1 })), segments: [], meta: null, position: null };
}

const INGRESS: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace: 'milvus',
  name: 'milvus-demo',
  body: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'milvus-demo', namespace: 'milvus' }, spec: { ingressClassName: 'alb', rules: [{ host: 'milvus-demo.milvus.io' }] }, status: { loadBalancer: { ingress: [{ hostname: 'x.elb.amazonaws.com' }] } } },
  origin: { line: 1, by: 'test' },
};

const table = { type: 'table' as const, kind: kindFromResource('ingress')!, objects: [INGRESS], text: '' };

describe('checkOutput', () => {
  it('accepts a table whose NAME, CLASS and HOSTS match; live columns are not compared', () => {
    const result = checkOutput(block('NAME          CLASS   HOSTS                   ADDRESS              PORTS   AGE\nmilvus-demo   alb     milvus-demo.milvus.io   k8s-elsewhere.aws    80      10m'), { text: 'kubectl get -f ingress.yaml', line: 5, status: 'simulated', printed: table });
    expect(result).toEqual({ status: 'simulated', reason: 'compared with the simulated table of `kubectl get -f ingress.yaml` (line 5)', problems: [] });
  });

  it('reports a wrong NAME as an error and a wrong CLASS as a warning, at the cell', () => {
    const result = checkOutput(block('NAME          CLASS   HOSTS                   ADDRESS   PORTS   AGE\nmilvus-dmo    alb     milvus-demo.milvus.io   x         80      1m\nmilvus-demo   nginx   milvus-demo.milvus.io   x         80      1m'), { text: 'kubectl get ingress', line: 5, status: 'simulated', printed: table });
    expect(result.status).toBe('failed');
    expect(result.problems).toEqual([
      { rule: 'run/output-mismatch', severity: 'error', message: 'Unexpected Ingress `milvus-dmo` in the NAME column, expected an object `kubectl get ingress` (line 5) lists (`milvus-demo`)', line: 2, column: 1 },
      { rule: 'run/output-mismatch', severity: 'warning', message: 'Unexpected CLASS `nginx` for `milvus-demo`, expected `alb` as the object was created', line: 3, column: 15 },
    ]);
  });

  it('skips the comparison when the command failed or printed nothing known', () => {
    expect(checkOutput(block('NAME\nx'), null).status).toBe('skipped');
    expect(checkOutput(block('NAME\nx'), { text: 'kubectl get -f x.yaml', line: 3, status: 'failed', printed: undefined }).reason).toBe('the command it shows the output of, `kubectl get -f x.yaml` (line 3), failed');
    expect(checkOutput(block('x'), { text: 'kubectl logs p', line: 3, status: 'skipped', printed: { type: 'unknown', reason: 'logs are live' } }).reason).toBe('not compared: logs are live');
  });

  it('compares `<resource>/<name> created` lines and JSON answers by their keys', () => {
    const text = checkOutput(block('configmap/other created'), { text: 'kubectl apply -f cm.yaml', line: 3, status: 'simulated', printed: { type: 'text', text: 'configmap/cm created' } });
    expect(text.problems.map((problem) => problem.message)).toEqual(['Unexpected `configmap/other created`, expected a line `kubectl apply -f cm.yaml` (line 3) prints (`configmap/cm created`)']);
    const json = checkOutput(block('{\n  "CertificateArn": "arn:aws:acm:us-east-2:111:certificate/abc",\n  "Arn": "x"\n}'), { text: 'aws acm import-certificate', line: 3, status: 'simulated', printed: { type: 'data', data: { CertificateArn: 'arn:…' }, text: '' } });
    expect(json.problems.map((problem) => [problem.message, problem.line])).toEqual([['Unexpected key `Arn`, expected the keys `aws acm import-certificate` (line 3) prints (CertificateArn)', 3]]);
  });
});
