/**
 * The world the simulators share across the steps of one run: Kubernetes objects and namespaces,
 * Helm repositories and releases, certificates imported into AWS ACM, gcloud settings and
 * resources. Plain data, so a run can try an alternative on a copy (`structuredClone`). Records
 * keyed by names from guides (namespaces, repositories, gcloud properties) are read with
 * `Object.hasOwn` and written with `setOwn`: a copy has a prototype again.
 */
import { contentRecord, setOwn } from '../../core/content-keys.ts';

/** Where something in the simulated world came from. */
export interface Origin {
  /** Source line in the guide of the command (or file) that created it; 0 for built-ins. */
  line: number;
  /** What created it, e.g. "kubectl apply -f ingress.yaml", "helm release my-release". */
  by: string;
  /** True when the guide did not create it but the run assumed it (a prerequisite). */
  assumed?: boolean;
  /** Where the block of the command sits (section and list items: see blocks.ts `blockPlaces`). */
  place?: string;
}

/** Something a command of the guide would have created, had it not failed (for cascades). */
export interface FailedCreation {
  /** `Namespace`, `Release`, or an object kind. */
  kind: string;
  name: string;
  namespace: string | null;
  /** Source line of the command that failed. */
  line: number;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  /** null for cluster-scoped kinds. */
  namespace: string | null;
  name: string;
  /** The manifest as applied (metadata, spec, …), with a simulated status. */
  body: Record<string, unknown>;
  origin: Origin;
}

export interface Release {
  name: string;
  namespace: string;
  chart: string;
  values: Record<string, unknown>;
  /** Keys set by the last upgrade (dotted paths), to tell when a later upgrade resets them. */
  setPaths: string[];
  /** Source line of the last command of the guide that set values (null: none did). */
  lastSetLine: number | null;
  revision: number;
  origin: Origin;
  /** True when the objects this chart creates are modelled (milvus/milvus); else they are unknown. */
  modeled: boolean;
}

export interface ClusterState {
  objects: KubeObject[];
  namespaces: Record<string, Origin>;
  releases: Release[];
  /** Helm repositories added: name → URL. */
  repos: Record<string, string>;
  aws: {
    region: string | null;
    certificates: Array<{ arn: string; subject: string; domains: string[]; origin: Origin }>;
    clusters: string[];
  };
  gcloud: {
    properties: Record<string, string>;
    resources: Array<{ type: string; name: string; origin: Origin }>;
  };
  /**
   * What may have created objects the simulation does not know: manifests from URLs or folders,
   * charts fetched from URLs, operators. `namespace` null means any namespace.
   */
  unknownSources: Array<{ namespace: string | null; what: string }>;
  /**
   * What failed commands would have created: later steps that need it are consequences of that
   * failure (reported once, at the failure), not new errors.
   */
  failed: FailedCreation[];
  /** Counter for simulated identifiers (ARNs, IPs, certificate names), so runs are deterministic. */
  serial: number;
}

export function emptyCluster(): ClusterState {
  const builtin: Origin = { line: 0, by: 'every cluster' };
  return {
    objects: [],
    namespaces: Object.assign(contentRecord<Origin>(), { default: builtin, 'kube-system': builtin, 'kube-public': builtin, 'kube-node-lease': builtin }),
    releases: [],
    repos: contentRecord(),
    aws: { region: null, certificates: [], clusters: [] },
    gcloud: { properties: contentRecord(), resources: [] },
    unknownSources: [],
    failed: [],
    serial: 0,
  };
}

export interface KindInfo {
  kind: string;
  apiVersion: string;
  namespaced: boolean;
  /** Every name `kubectl get` accepts for it: singular, plural, short names. */
  names: string[];
}

export const KINDS: KindInfo[] = [
  { kind: 'Namespace', apiVersion: 'v1', namespaced: false, names: ['namespace', 'namespaces', 'ns'] },
  { kind: 'Service', apiVersion: 'v1', namespaced: true, names: ['service', 'services', 'svc'] },
  { kind: 'Secret', apiVersion: 'v1', namespaced: true, names: ['secret', 'secrets'] },
  { kind: 'ConfigMap', apiVersion: 'v1', namespaced: true, names: ['configmap', 'configmaps', 'cm'] },
  { kind: 'Pod', apiVersion: 'v1', namespaced: true, names: ['pod', 'pods', 'po'] },
  { kind: 'ServiceAccount', apiVersion: 'v1', namespaced: true, names: ['serviceaccount', 'serviceaccounts', 'sa'] },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespaced: true, names: ['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'] },
  { kind: 'PersistentVolume', apiVersion: 'v1', namespaced: false, names: ['persistentvolume', 'persistentvolumes', 'pv'] },
  { kind: 'Node', apiVersion: 'v1', namespaced: false, names: ['node', 'nodes', 'no'] },
  { kind: 'Endpoints', apiVersion: 'v1', namespaced: true, names: ['endpoints', 'ep'] },
  { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true, names: ['deployment', 'deployments', 'deploy'] },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true, names: ['statefulset', 'statefulsets', 'sts'] },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', namespaced: true, names: ['daemonset', 'daemonsets', 'ds'] },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true, names: ['replicaset', 'replicasets', 'rs'] },
  { kind: 'Job', apiVersion: 'batch/v1', namespaced: true, names: ['job', 'jobs'] },
  { kind: 'CronJob', apiVersion: 'batch/v1', namespaced: true, names: ['cronjob', 'cronjobs', 'cj'] },
  { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', namespaced: true, names: ['ingress', 'ingresses', 'ing'] },
  { kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1', namespaced: false, names: ['ingressclass', 'ingressclasses'] },
  { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', namespaced: true, names: ['networkpolicy', 'networkpolicies', 'netpol'] },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', namespaced: false, names: ['storageclass', 'storageclasses', 'sc'] },
  { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true, names: ['role', 'roles'] },
  { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true, names: ['rolebinding', 'rolebindings'] },
  { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false, names: ['clusterrole', 'clusterroles'] },
  { kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: false, names: ['clusterrolebinding', 'clusterrolebindings'] },
  { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', namespaced: true, names: ['horizontalpodautoscaler', 'horizontalpodautoscalers', 'hpa'] },
  { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', namespaced: true, names: ['poddisruptionbudget', 'poddisruptionbudgets', 'pdb'] },
  { kind: 'CustomResourceDefinition', apiVersion: 'apiextensions.k8s.io/v1', namespaced: false, names: ['customresourcedefinition', 'customresourcedefinitions', 'crd', 'crds'] },
  { kind: 'BackendConfig', apiVersion: 'cloud.google.com/v1', namespaced: true, names: ['backendconfig', 'backendconfigs', 'bc'] },
  { kind: 'FrontendConfig', apiVersion: 'networking.gke.io/v1beta1', namespaced: true, names: ['frontendconfig', 'frontendconfigs'] },
  { kind: 'ManagedCertificate', apiVersion: 'networking.gke.io/v1', namespaced: true, names: ['managedcertificate', 'managedcertificates', 'mcrt'] },
  { kind: 'Milvus', apiVersion: 'milvus.io/v1beta1', namespaced: true, names: ['milvus', 'milvuses', 'mi'] },
];

/** The kind `kubectl get <resource>` means: `svc`, `ingress.networking.k8s.io`, `Ingress`… */
export function kindFromResource(resource: string): KindInfo | undefined {
  const base = resource.toLowerCase().split('.')[0]!;
  return KINDS.find((info) => info.names.includes(base) || info.kind.toLowerCase() === base);
}

export function kindInfo(kind: string): KindInfo | undefined {
  return KINDS.find((info) => info.kind === kind);
}

export function isNamespaced(kind: string): boolean {
  return kindInfo(kind)?.namespaced ?? true;
}

export function findObject(state: ClusterState, kind: string, namespace: string | null, name: string): KubeObject | undefined {
  const ns = isNamespaced(kind) ? namespace : null;
  return state.objects.find((object) => object.kind === kind && object.namespace === ns && object.name === name);
}

export function objectsOf(state: ClusterState, kind: string, namespace: string | null): KubeObject[] {
  return state.objects.filter((object) => object.kind === kind && (namespace === null || !isNamespaced(kind) || object.namespace === namespace));
}

/** Create or replace; returns whether it existed before. */
export function putObject(state: ClusterState, object: KubeObject): 'created' | 'configured' | 'unchanged' {
  const index = state.objects.findIndex((other) => other.kind === object.kind && other.namespace === object.namespace && other.name === object.name);
  if (index === -1) {
    state.objects.push(object);
    if (object.kind === 'Namespace') setOwn(state.namespaces, object.name, object.origin);
    return 'created';
  }
  const before = JSON.stringify(stripStatus(state.objects[index]!.body));
  state.objects[index] = { ...object, origin: state.objects[index]!.origin };
  return before === JSON.stringify(stripStatus(object.body)) ? 'unchanged' : 'configured';
}

export function removeObject(state: ClusterState, kind: string, namespace: string | null, name: string): boolean {
  const ns = isNamespaced(kind) ? namespace : null;
  const index = state.objects.findIndex((object) => object.kind === kind && object.namespace === ns && object.name === name);
  if (index === -1) return false;
  state.objects.splice(index, 1);
  if (kind === 'Namespace') {
    delete state.namespaces[name];
    state.objects = state.objects.filter((object) => object.namespace !== name);
    state.releases = state.releases.filter((release) => release.namespace !== name);
  }
  return true;
}

/** A namespace exists when built in, created, or the home of a release or object the run assumed. */
export function hasNamespace(state: ClusterState, namespace: string): boolean {
  return Object.hasOwn(state.namespaces, namespace);
}

/** Releases in a namespace whose objects the simulation does not know (charts other than milvus). */
export function opaqueReleases(state: ClusterState, namespace: string | null): Release[] {
  return state.releases.filter((release) => !release.modeled && (namespace === null || release.namespace === namespace));
}

/**
 * What could have created an object the simulation does not know in a namespace, described for a
 * message ("Helm release `x` (chart)", "the manifest https://…"), or null when nothing could.
 * Operators (charts named *operator*) and custom resources create objects in other namespaces too.
 */
export function unknownCreator(state: ClusterState, namespace: string | null): string | null {
  const local = opaqueReleases(state, namespace)[0];
  if (local) return `Helm release \`${local.name}\` (${local.chart})`;
  const operator = state.releases.find((release) => !release.modeled && /operator/.test(release.chart));
  if (operator) return `the operator release \`${operator.name}\` (${operator.chart})`;
  const source = state.unknownSources.find((entry) => entry.namespace === null || namespace === null || entry.namespace === namespace);
  if (source) return source.what;
  const custom = state.objects.find((object) => !kindInfo(object.kind) && (namespace === null || object.namespace === namespace));
  if (custom) return `the ${custom.kind} \`${custom.name}\` (its operator creates objects)`;
  return null;
}

export function findRelease(state: ClusterState, name: string, namespace: string): Release | undefined {
  return state.releases.find((release) => release.name === name && release.namespace === namespace);
}

export function nextSerial(state: ClusterState): number {
  state.serial += 1;
  return state.serial;
}

function stripStatus(body: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...rest } = body;
  return rest;
}

export function metadataOf(body: Record<string, unknown>): Record<string, unknown> {
  const metadata = body.metadata;
  return metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {};
}

export function annotationsOf(body: Record<string, unknown>): Record<string, string> {
  const annotations = metadataOf(body).annotations;
  if (!annotations || typeof annotations !== 'object' || Array.isArray(annotations)) return {};
  return Object.fromEntries(Object.entries(annotations as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
}

export function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The failure that would have created this (a namespace, a release, an object), if any. */
export function failedCreation(state: ClusterState, kind: string, namespace: string | null, name: string): FailedCreation | undefined {
  const ns = kind === 'Namespace' || kind === 'Release' ? namespace : isNamespaced(kind) ? namespace : null;
  return state.failed.find((entry) => entry.kind === kind && entry.name === name && (kind === 'Namespace' || entry.namespace === ns));
}

export function recordFailure(state: ClusterState, entry: FailedCreation): void {
  if (!failedCreation(state, entry.kind, entry.namespace, entry.name)) state.failed.push(entry);
}
