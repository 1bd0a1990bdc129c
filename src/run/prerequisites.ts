/**
 * What a guide expects to exist before its first step, declared in its front matter:
 *
 * ```yaml
 * run:
 *   given:
 *     files: [Certificate.pem, CertificateChain.pem, PrivateKey.pem]   # the reader brings them
 *     namespaces: [milvus]
 *     releases:
 *       - { name: milvus-demo, chart: milvus/milvus, namespace: milvus }
 *     objects:
 *       - { kind: Service, name: milvus-demo, namespace: milvus }
 *   skip: "needs a GPU node"   # optional: the guide is not run at all
 * ```
 *
 * Without a declaration, the runner infers two kinds of prerequisites (see docs/run.md):
 * certificate material imported by a command (`aws acm import-certificate --certificate
 * fileb://…`, `kubectl create secret tls --cert/--key`, `gcloud compute ssl-certificates create`)
 * that no step creates — as long as no step of the guide generates certificates itself — and a
 * release that `helm upgrade` (without `--install`) upgrades although no step installs it. The
 * simulators also infer objects the guide modifies but never creates (`kubectl patch` of the
 * reader's Milvus instance) and files the prose links to (the reader downloads them).
 */
import type { Guide } from '../core/model.ts';
import { emptyCluster, isNamespaced, kindInfo, putObject, type ClusterState } from './simulators/cluster.ts';
import { applyChartModel } from './simulators/helm.ts';
import { setOwn } from '../core/content-keys.ts';

export interface Declared {
  files: string[];
  namespaces: string[];
  releases: Array<{ name: string; chart: string; namespace: string }>;
  objects: Array<{ kind: string; name: string; namespace: string | null }>;
  skip: string | null;
  /** Problems with the declaration itself. */
  problems: string[];
}

export function declaredPrerequisites(guide: Guide): Declared {
  const declared: Declared = { files: [], namespaces: [], releases: [], objects: [], skip: null, problems: [] };
  const run = guide.frontMatter.run;
  if (run === undefined) return declared;
  if (!run || typeof run !== 'object' || Array.isArray(run)) {
    declared.problems.push('`run:` in the front matter must be a mapping (with `given:` and/or `skip:`)');
    return declared;
  }
  const { given, skip, ...rest } = run as Record<string, unknown>;
  for (const key of Object.keys(rest)) declared.problems.push(`unknown key \`run.${key}\` (expected \`given\` or \`skip\`)`);
  if (skip !== undefined) declared.skip = typeof skip === 'string' ? skip : skip === true ? 'the guide says it cannot be run' : null;
  if (given === undefined) return declared;
  if (!given || typeof given !== 'object' || Array.isArray(given)) {
    declared.problems.push('`run.given` must be a mapping of files, namespaces, releases and objects');
    return declared;
  }
  const g = given as Record<string, unknown>;
  for (const key of Object.keys(g)) if (!['files', 'namespaces', 'releases', 'objects'].includes(key)) declared.problems.push(`unknown key \`run.given.${key}\``);
  const strings = (value: unknown, what: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      declared.problems.push(`\`run.given.${what}\` must be a list of names`);
      return [];
    }
    return value as string[];
  };
  declared.files = strings(g.files, 'files');
  declared.namespaces = strings(g.namespaces, 'namespaces');
  if (g.releases !== undefined) {
    if (!Array.isArray(g.releases)) declared.problems.push('`run.given.releases` must be a list');
    else
      for (const item of g.releases) {
        const release = item as Record<string, unknown>;
        if (!release || typeof release.name !== 'string' || typeof release.chart !== 'string') declared.problems.push('each of `run.given.releases` needs `name` and `chart`');
        else declared.releases.push({ name: release.name, chart: release.chart, namespace: typeof release.namespace === 'string' ? release.namespace : 'default' });
      }
  }
  if (g.objects !== undefined) {
    if (!Array.isArray(g.objects)) declared.problems.push('`run.given.objects` must be a list');
    else
      for (const item of g.objects) {
        const object = item as Record<string, unknown>;
        if (!object || typeof object.kind !== 'string' || typeof object.name !== 'string') declared.problems.push('each of `run.given.objects` needs `kind` and `name`');
        else declared.objects.push({ kind: object.kind, name: object.name, namespace: isNamespaced(object.kind) ? (typeof object.namespace === 'string' ? object.namespace : 'default') : null });
      }
  }
  for (const file of declared.files) if (file.startsWith('/') || file.split('/').includes('..')) declared.problems.push(`\`run.given.files\` entry \`${file}\` must be a relative path without \`..\``);
  declared.files = declared.files.filter((file) => !file.startsWith('/') && !file.split('/').includes('..')).map((file) => file.replace(/^\.\//, ''));
  return declared;
}

/** The simulated world at the start of a run: built-ins plus the declared prerequisites. */
export function initialCluster(declared: Declared): ClusterState {
  const state = emptyCluster();
  const origin = { line: 1, by: 'the guide’s declared prerequisites', assumed: true };
  for (const namespace of declared.namespaces) setOwn(state.namespaces, namespace, origin);
  for (const release of declared.releases) {
    if (!Object.hasOwn(state.namespaces, release.namespace)) setOwn(state.namespaces, release.namespace, origin);
    const entry = { name: release.name, namespace: release.namespace, chart: release.chart, values: {}, setPaths: [], lastSetLine: null, revision: 1, origin, modeled: release.chart.split('/').pop() === 'milvus' };
    state.releases.push(entry);
    applyChartModel(state, entry);
  }
  for (const object of declared.objects) {
    if (object.namespace && !Object.hasOwn(state.namespaces, object.namespace)) setOwn(state.namespaces, object.namespace, origin);
    const apiVersion = kindInfo(object.kind)?.apiVersion ?? 'v1';
    putObject(state, { apiVersion, kind: object.kind, namespace: object.namespace, name: object.name, body: { apiVersion, kind: object.kind, metadata: { name: object.name, ...(object.namespace ? { namespace: object.namespace } : {}) } }, origin });
  }
  return state;
}
