/**
 * Offline validation of Kubernetes objects against the schemas shipped in `kubernetes-models`
 * (built-in kinds) and `@kubernetes-models/gke` (GKE CRDs: BackendConfig, ManagedCertificate…).
 *
 * The model of a kind is imported on first use only (one module per apiVersion+kind, cached), so
 * start-up costs nothing and a run pays only for the kinds its guides use.
 *
 * The packages' validators are precompiled JSON-schema checks that ignore unknown fields, which
 * `kubectl apply` rejects (strict field validation). We find those ourselves: the object is handed
 * to the validator through proxies that record which properties the schema reads, and every key the
 * schema never asked about, in an object whose schema did ask about some, is an unknown field.
 * Objects whose schema enumerates their keys (maps such as labels) or reads none (free-form) are
 * left alone.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode, type Pair } from 'yaml';
import type { CodeProblem } from './types.ts';
import { lookupTable } from '../core/content-keys.ts';
import { editDistance } from '../core/edit-distance.ts';

export type KubernetesPath = Array<string | number>;

export interface KubernetesModel {
  apiVersion: string;
  kind: string;
  prototype: { validate(this: unknown): void };
}

export interface KubernetesIssue {
  /** Path of the bad field (for a missing field: the path of the object that lacks it). */
  path: KubernetesPath;
  /** The field a `required` or `unknown-field` issue is about. */
  field?: string;
  keyword: 'type' | 'enum' | 'required' | 'unknown-field' | 'format' | 'pattern' | 'other';
  found: string;
  expected: string;
}

export interface KubernetesValidation {
  apiVersion: string;
  kind: string;
  /** `unchecked`: no schema is known for this apiVersion and kind. */
  status: 'valid' | 'invalid' | 'unchecked';
  issues: KubernetesIssue[];
  /** Why an object is unchecked, or a hint (another apiVersion that has the kind). */
  reason?: string;
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

/** A mapping with string `apiVersion` and `kind`: what kubectl would accept as an object. */
export function isKubernetesObject(value: unknown): value is KubernetesObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { apiVersion?: unknown }).apiVersion === 'string' && typeof (value as { kind?: unknown }).kind === 'string';
}

// ---------------------------------------------------------------------------------------------
// Finding the model of a kind

const GROUP = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

function splitApiVersion(apiVersion: string): { group: string; version: string } | null {
  const parts = apiVersion.split('/');
  if (parts.length === 1 && VERSION.test(parts[0]!)) return { group: '', version: parts[0]! };
  if (parts.length === 2 && GROUP.test(parts[0]!) && VERSION.test(parts[1]!)) return { group: parts[0]!, version: parts[1]! };
  return null;
}

/** Module specifiers that may hold the model, most likely first. */
export function modelSpecifiers(apiVersion: string, kind: string): string[] {
  const split = splitApiVersion(apiVersion);
  if (!split || !KIND.test(kind)) return [];
  const { group, version } = split;
  if (group === '') return [`kubernetes-models/${version}/${kind}`];
  const builtIn = `kubernetes-models/${group}/${version}/${kind}`;
  const gke = `@kubernetes-models/gke/${group}/${version}/${kind}`;
  return group.endsWith('.k8s.io') || !group.includes('.') ? [builtIn, gke] : [gke, builtIn];
}

const models = new Map<string, Promise<KubernetesModel | null>>();

/**
 * The models guides use most, imported by name so that the command's bundle carries them
 * (scripts/cli-bundle.mjs): each kind is some thirty modules of schemas and validators, which
 * Node otherwise resolves and loads one by one from node_modules. Any other kind is imported
 * there by its computed name, with the same result.
 */
export const BUNDLED_MODELS = lookupTable<() => Promise<unknown>>({
  'kubernetes-models/v1/ConfigMap': () => import('kubernetes-models/v1/ConfigMap'),
  'kubernetes-models/v1/Namespace': () => import('kubernetes-models/v1/Namespace'),
  'kubernetes-models/v1/PersistentVolume': () => import('kubernetes-models/v1/PersistentVolume'),
  'kubernetes-models/v1/PersistentVolumeClaim': () => import('kubernetes-models/v1/PersistentVolumeClaim'),
  'kubernetes-models/v1/Pod': () => import('kubernetes-models/v1/Pod'),
  'kubernetes-models/v1/Secret': () => import('kubernetes-models/v1/Secret'),
  'kubernetes-models/v1/Service': () => import('kubernetes-models/v1/Service'),
  'kubernetes-models/v1/ServiceAccount': () => import('kubernetes-models/v1/ServiceAccount'),
  'kubernetes-models/apps/v1/DaemonSet': () => import('kubernetes-models/apps/v1/DaemonSet'),
  'kubernetes-models/apps/v1/Deployment': () => import('kubernetes-models/apps/v1/Deployment'),
  'kubernetes-models/apps/v1/StatefulSet': () => import('kubernetes-models/apps/v1/StatefulSet'),
  'kubernetes-models/batch/v1/CronJob': () => import('kubernetes-models/batch/v1/CronJob'),
  'kubernetes-models/batch/v1/Job': () => import('kubernetes-models/batch/v1/Job'),
  'kubernetes-models/networking.k8s.io/v1/Ingress': () => import('kubernetes-models/networking.k8s.io/v1/Ingress'),
  'kubernetes-models/networking.k8s.io/v1/NetworkPolicy': () => import('kubernetes-models/networking.k8s.io/v1/NetworkPolicy'),
  'kubernetes-models/storage.k8s.io/v1/StorageClass': () => import('kubernetes-models/storage.k8s.io/v1/StorageClass'),
  'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole': () => import('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole'),
  'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding': () => import('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding'),
  'kubernetes-models/rbac.authorization.k8s.io/v1/Role': () => import('kubernetes-models/rbac.authorization.k8s.io/v1/Role'),
  'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding': () => import('kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding'),
  'kubernetes-models/policy/v1/PodDisruptionBudget': () => import('kubernetes-models/policy/v1/PodDisruptionBudget'),
  'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler': () => import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'),
  '@kubernetes-models/gke/cloud.google.com/v1/BackendConfig': () => import('@kubernetes-models/gke/cloud.google.com/v1/BackendConfig'),
  '@kubernetes-models/gke/networking.gke.io/v1/ManagedCertificate': () => import('@kubernetes-models/gke/networking.gke.io/v1/ManagedCertificate'),
});

async function importModel(specifier: string, apiVersion: string, kind: string): Promise<KubernetesModel | null> {
  try {
    const bundled = BUNDLED_MODELS[specifier];
    const module = (await (bundled ? bundled() : import(specifier))) as Record<string, unknown>;
    const exported: unknown = module[kind] ?? (module.default as Record<string, unknown> | undefined)?.[kind];
    if (typeof exported !== 'function') return null;
    const candidate = exported as unknown as KubernetesModel;
    if (candidate.apiVersion === apiVersion && candidate.kind === kind && typeof candidate.prototype?.validate === 'function') return candidate;
  } catch {
    // Not in this package.
  }
  return null;
}

/** The model class of an apiVersion and kind, imported on first use; null when no schema is known. */
export function schemaFor(apiVersion: string, kind: string): Promise<KubernetesModel | null> {
  const key = `${apiVersion}\u0000${kind}`;
  let model = models.get(key);
  if (!model) {
    model = (async () => {
      for (const specifier of modelSpecifiers(apiVersion, kind)) {
        const found = await importModel(specifier, apiVersion, kind);
        if (found) return found;
      }
      return null;
    })();
    models.set(key, model);
  }
  return model;
}

/** Well-known moves, for a hint when an object's apiVersion has no schema. */
const CURRENT_API_VERSION = lookupTable<string>({
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  CronJob: 'batch/v1',
  Job: 'batch/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  StorageClass: 'storage.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  Service: 'v1',
  Pod: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Namespace: 'v1',
  PersistentVolumeClaim: 'v1',
  PersistentVolume: 'v1',
  ServiceAccount: 'v1',
  BackendConfig: 'cloud.google.com/v1',
  ManagedCertificate: 'networking.gke.io/v1',
  FrontendConfig: 'networking.gke.io/v1beta1',
});

// ---------------------------------------------------------------------------------------------
// Validation

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

interface Tracking {
  accessed: WeakMap<object, Set<string>>;
  enumerated: WeakSet<object>;
}

/** Wraps a JSON value so that the properties a validator reads are recorded per object. */
function tracked(value: unknown, tracking: Tracking): unknown {
  const proxies = new WeakMap<object, object>();
  const wrap = (target: unknown): unknown => {
    if (target === null || typeof target !== 'object') return target;
    const existing = proxies.get(target);
    if (existing) return existing;
    const isArray = Array.isArray(target);
    const record = (object: object, key: string | symbol): void => {
      if (isArray || typeof key !== 'string') return;
      let keys = tracking.accessed.get(object);
      if (!keys) tracking.accessed.set(object, (keys = new Set()));
      keys.add(key);
    };
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        record(object, key);
        return wrap(Reflect.get(object, key, receiver));
      },
      has(object, key) {
        record(object, key);
        return Reflect.has(object, key);
      },
      ownKeys(object) {
        tracking.enumerated.add(object);
        return Reflect.ownKeys(object);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return wrap(value);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  const shown = JSON.stringify(value);
  const short = shown.length > 40 ? `${shown.slice(0, 37)}…` : shown;
  return `\`${typeof value === 'string' ? short : String(value)}\` (${typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value === 'boolean' ? 'boolean' : 'string'})`;
}

const TYPE_NAMES: Record<string, string> = { integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (`true` or `false`)', object: 'a mapping', array: 'a list', null: 'an empty value' };

function valueAt(root: unknown, path: KubernetesPath): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function parsePointer(pointer: string): KubernetesPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function formatPath(path: KubernetesPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(top level)' : out;
}

function issuesFromAjv(errors: AjvError[], root: unknown): KubernetesIssue[] {
  const byPath = new Map<string, AjvError[]>();
  for (const error of errors) {
    const key = error.keyword === 'required' ? `${error.instancePath}\u0000${String(error.params.missingProperty)}` : error.instancePath;
    const list = byPath.get(key) ?? [];
    list.push(error);
    byPath.set(key, list);
  }
  const issues: KubernetesIssue[] = [];
  for (const group of byPath.values()) {
    const first = group[0]!;
    const path = parsePointer(first.instancePath);
    const value = valueAt(root, path);
    if (first.keyword === 'required') {
      const field = String(first.params.missingProperty);
      issues.push({ path, field, keyword: 'required', found: `missing \`${field}\` in ${path.length === 0 ? 'the object' : `\`${formatPath(path)}\``}`, expected: `a \`${field}\` field (required)` });
      continue;
    }
    if (first.keyword === 'additionalProperties') {
      const field = String(first.params.additionalProperty);
      issues.push({ path, field, keyword: 'unknown-field', found: `unknown field \`${field}\` in \`${formatPath(path)}\``, expected: 'only the fields of its schema' });
      continue;
    }
    const expectations: Array<{ keyword: string; text: string }> = [];
    let keyword: KubernetesIssue['keyword'] = 'other';
    const hasEnum = group.some((error) => error.keyword === 'enum');
    for (const error of group) {
      if (error.keyword === 'type') {
        keyword = keyword === 'other' ? 'type' : keyword;
        // With a list of allowed values, the type they share goes without saying.
        if (hasEnum) continue;
        const types = String(error.params.type).split(',');
        expectations.push({ keyword: 'type', text: types.map((type) => TYPE_NAMES[type] ?? type).join(' or ') });
      } else if (error.keyword === 'enum') {
        keyword = keyword === 'other' ? 'enum' : keyword;
        const allowed = (error.params.allowedValues as unknown[]).map((entry) => `\`${String(entry)}\``);
        expectations.push({ keyword: 'enum', text: allowed.length === 1 ? allowed[0]! : `one of ${allowed.join(', ')}` });
      } else if (error.keyword === 'format') {
        keyword = keyword === 'other' ? 'format' : keyword;
        expectations.push({ keyword: 'format', text: `a valid ${String(error.params.format)}` });
      } else if (error.keyword === 'pattern') {
        keyword = keyword === 'other' ? 'pattern' : keyword;
        expectations.push({ keyword: 'pattern', text: `text matching \`${String(error.params.pattern)}\`` });
      } else if (error.message) expectations.push({ keyword: error.keyword, text: error.message.replace(/^must (?:be )?/, '') });
    }
    const expected = [...new Set(expectations.map((entry) => entry.text))].join(', ');
    issues.push({ path, keyword, found: `${describeValue(value)} at \`${formatPath(path)}\``, expected: expected || 'a value its schema accepts' });
  }
  return issues;
}

function unknownFields(root: unknown, tracking: Tracking): KubernetesIssue[] {
  const issues: KubernetesIssue[] = [];
  const walk = (value: unknown, path: KubernetesPath): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    const known = tracking.accessed.get(value);
    if (!known || known.size === 0) return; // never looked into: free-form or not validated
    const isMapLike = tracking.enumerated.has(value);
    for (const [key, child] of Object.entries(value)) {
      if (!isMapLike && !known.has(key)) {
        const fields = [...known].filter((field) => !field.startsWith('$') && field !== 'constructor' && field !== 'toJSON').sort();
        const closest = fields.map((field) => ({ field, distance: editDistance(key, field) })).sort((a, b) => a.distance - b.distance)[0];
        const suggestion = closest && closest.distance <= Math.max(1, Math.floor(key.length / 4)) ? `\`${closest.field}\` (did you mean it?)` : null;
        const listed = fields.length > 14 ? `${fields.slice(0, 14).map((f) => `\`${f}\``).join(', ')}, …` : fields.map((f) => `\`${f}\``).join(', ');
        issues.push({
          path,
          field: key,
          keyword: 'unknown-field',
          found: `unknown field \`${key}\` in ${path.length === 0 ? 'the object' : `\`${formatPath(path)}\``}`,
          expected: suggestion ?? `one of its fields: ${listed}`,
        });
        continue;
      }
      walk(child, [...path, key]);
    }
  };
  walk(root, []);
  return issues;
}

/** Validates one object (a YAML document's JS value) against its kind's schema. */
export async function validateKubernetesObject(value: KubernetesObject): Promise<KubernetesValidation> {
  const { apiVersion, kind } = value;
  const model = await schemaFor(apiVersion, kind);
  if (!model) {
    const current = CURRENT_API_VERSION[kind];
    const reason = current && current !== apiVersion ? `no schema for ${apiVersion} ${kind}; ${kind} is served as ${current}` : `no schema is known for ${apiVersion} ${kind}`;
    return { apiVersion, kind, status: 'unchecked', issues: [], reason };
  }
  const tracking: Tracking = { accessed: new WeakMap(), enumerated: new WeakSet() };
  let errors: AjvError[] = [];
  try {
    model.prototype.validate.call(tracked(value, tracking));
  } catch (error) {
    const listed = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(listed)) throw error;
    errors = listed;
  }
  const issues = [...issuesFromAjv(errors, value), ...unknownFields(value, tracking)];
  return { apiVersion, kind, status: issues.length > 0 ? 'invalid' : 'valid', issues };
}

// ---------------------------------------------------------------------------------------------
// Back to YAML positions

function keyText(pair: Pair): string | null {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return null;
  return typeof key === 'object' ? null : String(key);
}

export interface Located {
  /** The node of the value at the path (null when it is empty). */
  value: YamlNode | null;
  /** The key node of the last map step. */
  key: YamlNode | null;
  pair: Pair | null;
  /** The map holding `pair`. */
  parent: YamlNode | null;
  resolved: boolean;
}

/** Walks a parsed YAML document along a JSON path, keeping the key nodes on the way. */
export function locateInDocument(document: Document, path: KubernetesPath): Located {
  let node: unknown = document.contents;
  let located: Located = { value: (node as YamlNode | null) ?? null, key: null, pair: null, parent: null, resolved: true };
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(part));
      if (!pair) return { ...located, resolved: false };
      located = { value: (pair.value as YamlNode | null) ?? null, key: (pair.key as YamlNode | null) ?? null, pair, parent: node, resolved: true };
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (item === undefined) return { ...located, resolved: false };
      located = { value: (item as YamlNode | null) ?? null, key: null, pair: null, parent: node, resolved: true };
      node = item;
    } else return { ...located, resolved: false };
  }
  return located;
}

function startOf(node: YamlNode | null | undefined): number | null {
  return node?.range ? node.range[0] : null;
}

/** The previous key of a mapping whose value is empty, e.g. `spec:` just before a de-indented field. */
function emptyKeyBefore(parent: YamlNode | null, pair: Pair | null): string | null {
  if (!isMap(parent) || !pair) return null;
  const index = parent.items.indexOf(pair as never);
  const previous = index > 0 ? parent.items[index - 1] : undefined;
  if (!previous || !isPair(previous)) return null;
  const value = previous.value;
  const empty = value === null || value === undefined || (isScalar(value) && value.value === null && (value.source === undefined || value.source === ''));
  return empty ? keyText(previous) : null;
}

export interface KubernetesDocumentCheck {
  validation: KubernetesValidation;
  problems: CodeProblem[];
}

/**
 * Validates a parsed YAML document that holds a Kubernetes object and places each issue on the
 * line and column of the bad field (the key for unknown and missing fields, the value otherwise).
 */
export async function checkKubernetesDocument(document: Document, value: KubernetesObject, lineCounter: LineCounter): Promise<KubernetesDocumentCheck> {
  const validation = await validateKubernetesObject(value);
  const contentsStart = startOf(document.contents as YamlNode | null) ?? 0;
  const at = (offset: number | null): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset ?? contentsStart);
    return { line: pos.line, column: pos.col };
  };
  if (validation.status === 'unchecked') {
    const kindNode = locateInDocument(document, ['kind']);
    return {
      validation,
      problems: [{ ...at(startOf(kindNode.value) ?? startOf(kindNode.key)), kind: 'kubernetes-unchecked', severity: 'info', found: `\`${value.apiVersion}\` \`${value.kind}\`, which has no schema here (${validation.reason ?? 'unknown kind'})`, expected: 'a kind with a known schema (this object was not validated)' }],
    };
  }
  const problems: CodeProblem[] = validation.issues.map((issue) => {
    let offset: number | null;
    let expected = issue.expected;
    if (issue.keyword === 'unknown-field' && issue.field !== undefined) {
      const located = locateInDocument(document, [...issue.path, issue.field]);
      offset = startOf(located.key) ?? startOf(located.value);
      const empty = emptyKeyBefore(located.parent, located.pair);
      if (empty !== null) expected += `; is it meant to be indented under \`${empty}:\`, which is left empty?`;
    } else if (issue.keyword === 'required') {
      const located = locateInDocument(document, issue.path);
      offset = startOf(located.key) ?? startOf(located.value);
      if (isMap(located.value) && located.value.items[0]) offset = startOf(located.value.items[0].key as YamlNode) ?? offset;
    } else {
      const located = locateInDocument(document, issue.path);
      offset = startOf(located.value) ?? startOf(located.key);
    }
    return { ...at(offset), kind: 'kubernetes-schema', found: issue.found, expected: `${expected} (${value.kind} schema)` };
  });
  return { validation, problems };
}
