/** The offline Kubernetes validation behind kubernetes/schema and kubernetes/unchecked-kind. */
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODELS, formatPath, isKubernetesObject, modelSpecifiers, schemaFor, validateKubernetesObject } from '../../../src/check/kubernetes.ts';

describe('schemaFor', () => {
  it('finds built-in kinds and GKE CRDs, and nothing for unknown kinds', async () => {
    expect((await schemaFor('networking.k8s.io/v1', 'Ingress'))?.kind).toBe('Ingress');
    expect((await schemaFor('v1', 'Service'))?.apiVersion).toBe('v1');
    expect((await schemaFor('cloud.google.com/v1', 'BackendConfig'))?.kind).toBe('BackendConfig');
    expect((await schemaFor('networking.gke.io/v1', 'ManagedCertificate'))?.kind).toBe('ManagedCertificate');
    expect(await schemaFor('milvus.io/v1beta1', 'Milvus')).toBeNull();
    // A module that exists but is not a top-level kind of that apiVersion.
    expect(await schemaFor('v1', 'Container')).toBeNull();
  });

  it('never builds a module path from unsafe names', () => {
    expect(modelSpecifiers('v1', '../../x')).toEqual([]);
    expect(modelSpecifiers('../v1', 'Pod')).toEqual([]);
    expect(modelSpecifiers('apps/v1', 'Deployment')).toEqual(['kubernetes-models/apps/v1/Deployment', '@kubernetes-models/gke/apps/v1/Deployment']);
  });

  it('imports every bundled model by a name modelSpecifiers gives, holding that kind', async () => {
    const specifiers = Object.keys(BUNDLED_MODELS);
    expect(specifiers.length).toBeGreaterThan(20);
    for (const specifier of specifiers) {
      const [, apiGroup, version, kind] = /^(?:@kubernetes-models\/gke|kubernetes-models)\/(?:(.+)\/)?(v\w+)\/(\w+)$/.exec(specifier)!;
      const apiVersion = apiGroup ? `${apiGroup}/${version}` : version!;
      expect(modelSpecifiers(apiVersion, kind!), specifier).toContain(specifier);
      const module = (await BUNDLED_MODELS[specifier]!()) as Record<string, { apiVersion?: string; kind?: string }>;
      expect(module[kind!]?.apiVersion, specifier).toBe(apiVersion);
      expect(module[kind!]?.kind, specifier).toBe(kind);
    }
  });

  it('caches the lookup', () => {
    expect(schemaFor('apps/v1', 'Deployment')).toBe(schemaFor('apps/v1', 'Deployment'));
  });
});

describe('validateKubernetesObject', () => {
  it('accepts free maps (labels, annotations) and reports unknown fields elsewhere', async () => {
    const result = await validateKubernetesObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: { anything: 'goes' }, annotations: { 'a/b': 'c' }, lables: { typo: 'x' } },
      data: { 'user.yaml': 'a: 1' },
    });
    expect(result.status).toBe('invalid');
    expect(result.issues).toEqual([expect.objectContaining({ keyword: 'unknown-field', path: ['metadata'], field: 'lables', expected: '`labels` (did you mean it?)' })]);
  });

  it('reports unchecked kinds with a hint', async () => {
    const result = await validateKubernetesObject({ apiVersion: 'extensions/v1beta2', kind: 'Ingress' });
    expect(result).toEqual({ apiVersion: 'extensions/v1beta2', kind: 'Ingress', status: 'unchecked', issues: [], reason: 'no schema for extensions/v1beta2 Ingress; Ingress is served as networking.k8s.io/v1' });
  });

  it('tells objects from other mappings', () => {
    expect(isKubernetesObject({ apiVersion: 'v1', kind: 'Pod' })).toBe(true);
    expect(isKubernetesObject({ version: '3.5', services: {} })).toBe(false);
    expect(isKubernetesObject(['apiVersion'])).toBe(false);
  });

  it('formats paths as in kubectl explain', () => {
    expect(formatPath(['spec', 'rules', 0, 'http', 'paths', 1, 'pathType'])).toBe('spec.rules[0].http.paths[1].pathType');
    expect(formatPath([])).toBe('(top level)');
  });
});
