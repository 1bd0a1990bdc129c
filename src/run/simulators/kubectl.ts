/**
 * A kubectl that keeps a simulated cluster: apply/create/delete objects from manifests (validated
 * like the guard validates them), create TLS and generic secrets from sandbox files, annotate and
 * label with `--overwrite` semantics, get/describe with tables and `-o yaml|json`, and the
 * subcommands that only make sense against a live cluster (logs, exec, port-forward…) reported as
 * such. Flags may come anywhere (`kubectl -f x.yaml get -w`); unknown flags are findings.
 */
import { stringify } from 'yaml';
import type { CodeStep } from '../../core/model.ts';
import { keyMatches, readPem, describePem } from '../pem.ts';
import type { RunWord } from '../shell.ts';
import { placeOfPath } from '../yaml-paths.ts';
import { validateManifests } from '../validate.ts';
import { flagAll, flagOn, flagString, flagValue, parseArgs, type FlagSpec, type ParsedArgs } from './args.ts';
import {
  annotationsOf,
  failedCreation,
  findObject,
  hasNamespace,
  isNamespaced,
  kindFromResource,
  kindInfo,
  list,
  metadataOf,
  nextSerial,
  objectsOf,
  unknownCreator,
  putObject,
  record,
  recordFailure,
  removeObject,
  type ClusterState,
  type KindInfo,
  type KubeObject,
} from './cluster.ts';
import { code, failed, simulated, skipped, type CommandOutcome, type Printed, type SimContext } from './context.ts';
import { loadManifests, readInput } from './files.ts';
import { checkReferences, serviceAnnotationProblems } from './references.ts';
import { lookupTable, ownValue, setOwn } from '../../core/content-keys.ts';

const GLOBAL: FlagSpec[] = [
  { name: 'namespace', aliases: ['n'], value: true },
  { name: 'context', value: true },
  { name: 'cluster', value: true },
  { name: 'user', value: true },
  { name: 'kubeconfig', value: true },
  { name: 'request-timeout', value: true },
  { name: 'v', value: true },
];

const FILE: FlagSpec[] = [
  { name: 'filename', aliases: ['f'], value: true },
  { name: 'recursive', aliases: ['R'], value: false },
];
const OUTPUT: FlagSpec = { name: 'output', aliases: ['o'], value: true };
const DRY_RUN: FlagSpec = { name: 'dry-run', value: 'optional' };
const SELECTOR: FlagSpec = { name: 'selector', aliases: ['l'], value: true };
const ALL_NS: FlagSpec = { name: 'all-namespaces', aliases: ['A'], value: false };

const SUBCOMMAND_FLAGS = lookupTable<FlagSpec[]>({
  apply: [...FILE, OUTPUT, DRY_RUN, SELECTOR, { name: 'kustomize', aliases: ['k'], value: true }, { name: 'server-side', value: false }, { name: 'force-conflicts', value: false }, { name: 'field-manager', value: true }, { name: 'prune', value: false }, { name: 'all', value: false }, { name: 'validate', value: 'optional' }, { name: 'wait', value: false }, { name: 'overwrite', value: false }, { name: 'force', value: false }, { name: 'timeout', value: true }],
  create: [...FILE, OUTPUT, DRY_RUN, { name: 'save-config', value: false }, { name: 'validate', value: 'optional' }, { name: 'cert', value: true }, { name: 'key', value: true }, { name: 'append-hash', value: false }, { name: 'from-literal', value: true }, { name: 'from-file', value: true }, { name: 'from-env-file', value: true }, { name: 'type', value: true }, { name: 'docker-server', value: true }, { name: 'docker-username', value: true }, { name: 'docker-password', value: true }, { name: 'docker-email', value: true }, { name: 'image', value: true }, { name: 'replicas', value: true }, { name: 'port', value: true }],
  get: [...FILE, OUTPUT, SELECTOR, ALL_NS, { name: 'watch', aliases: ['w'], value: false }, { name: 'watch-only', value: false }, { name: 'show-labels', value: false }, { name: 'field-selector', value: true }, { name: 'no-headers', value: false }, { name: 'sort-by', value: true }, { name: 'ignore-not-found', value: false }, { name: 'label-columns', aliases: ['L'], value: true }, { name: 'chunk-size', value: true }, { name: 'template', value: true }, { name: 'show-kind', value: false }, { name: 'output-watch-events', value: false }, { name: 'server-print', value: 'optional' }, { name: 'raw', value: true }, { name: 'subresource', value: true }, { name: 'allow-missing-template-keys', value: 'optional' }, { name: 'show-managed-fields', value: false }],
  describe: [...FILE, SELECTOR, ALL_NS, { name: 'show-events', value: 'optional' }],
  delete: [...FILE, SELECTOR, ALL_NS, DRY_RUN, { name: 'all', value: false }, { name: 'ignore-not-found', value: false }, { name: 'wait', value: 'optional' }, { name: 'grace-period', value: true }, { name: 'force', value: false }, { name: 'now', value: false }, { name: 'cascade', value: 'optional' }, { name: 'timeout', value: true }],
  annotate: [...FILE, OUTPUT, DRY_RUN, SELECTOR, ALL_NS, { name: 'overwrite', value: false }, { name: 'all', value: false }, { name: 'list', value: false }, { name: 'local', value: false }, { name: 'resource-version', value: true }],
  label: [...FILE, OUTPUT, DRY_RUN, SELECTOR, ALL_NS, { name: 'overwrite', value: false }, { name: 'all', value: false }, { name: 'list', value: false }, { name: 'local', value: false }, { name: 'resource-version', value: true }],
  patch: [...FILE, OUTPUT, DRY_RUN, { name: 'patch', aliases: ['p'], value: true }, { name: 'patch-file', value: true }, { name: 'type', value: true }, { name: 'local', value: false }],
  'port-forward': [{ name: 'address', value: true }, { name: 'pod-running-timeout', value: true }],
  rollout: [...FILE, { name: 'timeout', value: true }, { name: 'watch', aliases: ['w'], value: 'optional' }, { name: 'revision', value: true }],
  wait: [...FILE, SELECTOR, ALL_NS, { name: 'for', value: true }, { name: 'timeout', value: true }, { name: 'all', value: false }],
  scale: [...FILE, SELECTOR, { name: 'replicas', value: true }, { name: 'current-replicas', value: true }, { name: 'timeout', value: true }, { name: 'all', value: false }],
  logs: [SELECTOR, { name: 'follow', aliases: ['f'], value: false }, { name: 'container', aliases: ['c'], value: true }, { name: 'tail', value: true }, { name: 'previous', aliases: ['p'], value: false }, { name: 'timestamps', value: false }, { name: 'since', value: true }, { name: 'all-containers', value: false }],
  exec: [{ name: 'stdin', aliases: ['i'], value: false }, { name: 'tty', aliases: ['t'], value: false }, { name: 'container', aliases: ['c'], value: true }],
  'cluster-info': [],
  version: [OUTPUT, { name: 'client', value: false }, { name: 'short', value: false }],
  config: [OUTPUT, { name: 'current', value: false }, { name: 'minify', value: false }],
  'api-resources': [OUTPUT, { name: 'namespaced', value: 'optional' }, { name: 'api-group', value: true }],
  top: [ALL_NS, SELECTOR],
});

/** Every subcommand the real kubectl has (for telling "not simulated" from "does not exist"). */
const REAL_SUBCOMMANDS = ['create', 'expose', 'run', 'set', 'explain', 'get', 'edit', 'delete', 'rollout', 'scale', 'autoscale', 'certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint', 'describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events', 'diff', 'apply', 'patch', 'replace', 'wait', 'kustomize', 'label', 'annotate', 'completion', 'alpha', 'api-resources', 'api-versions', 'config', 'plugin', 'version'];

/** Subcommands that need a live cluster and have nothing the simulation could check. */
const LIVE_ONLY = lookupTable<string>({
  logs: 'prints logs of running pods',
  exec: 'runs a command in a running container',
  attach: 'attaches to a running container',
  cp: 'copies files from a running container',
  proxy: 'serves the API until interrupted',
  top: 'prints live resource usage',
  debug: 'starts a debugging container',
  edit: 'opens an editor',
  events: 'prints live events',
  'cluster-info': 'prints the addresses of the live cluster',
  'api-resources': 'lists the resources of the live cluster',
  'api-versions': 'lists the API versions of the live cluster',
});

export async function kubectl(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const args = words.slice(1);
  // Find the subcommand: the first positional after global flags, wherever flags sit.
  const probe = parseArgs(args, [...GLOBAL, ...Object.values(SUBCOMMAND_FLAGS).flat().filter((spec, index, all) => all.findIndex((other) => other.name === spec.name) === index)], 'kubectl');
  const subWord = probe.positionals[0];
  if (!subWord) return usage(context, words[0]!, 'kubectl without a subcommand', 'a subcommand such as `apply`, `get` or `create`');
  const sub = subWord.value;
  if (!REAL_SUBCOMMANDS.includes(sub)) {
    context.report({ rule: 'run/unknown-command', severity: 'error', message: `Unexpected kubectl subcommand ${code(sub)}, expected one of kubectl's subcommands (${Object.keys(SUBCOMMAND_FLAGS).slice(0, 8).join(', ')}, …)`, word: subWord });
    return failed(`kubectl has no subcommand ${code(sub)}`);
  }
  const specs = SUBCOMMAND_FLAGS[sub];
  if (!specs) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`kubectl ${sub}\`, expected a kubectl subcommand the runner simulates (${Object.keys(SUBCOMMAND_FLAGS).join(', ')})`, word: subWord });
    return skipped(`\`kubectl ${sub}\` is not simulated`);
  }
  const parsed = parseArgs(args.filter((word) => word !== subWord), [...GLOBAL, ...specs], `kubectl ${sub}`);
  if (parsed.problems.length > 0) {
    for (const problem of parsed.problems) context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected ${problem.found}, expected ${problem.expected}`, word: problem.word });
    return failed(`kubectl ${sub}: unknown or incomplete flags`);
  }
  // The kubeconfig is the reader's (`~/.kube/config`): the simulation never reads or writes it.
  const k: Kube = { context, parsed, sub, subWord, namespace: flagString(parsed, 'namespace') ?? null, dryRun: dryRun(parsed) };
  if (k.namespace !== null && !(sub === 'create' && ['namespace', 'ns'].includes(parsed.positionals[0]?.value ?? '')) && !hasNamespace(context.state, k.namespace) && !k.dryRun) {
    const use = flagValue(parsed, 'namespace')!;
    const listing = (sub === 'get' || sub === 'describe') && files(k).length === 0 && parsed.positionals.length === 1 && !parsed.positionals[0]!.value.includes('/');
    if (listing && !namespaceDoubt(context.state, k.namespace)) {
      // `kubectl get pods -n X` in a namespace that does not exist prints "No resources found": not an error.
      const text = `No resources found in ${k.namespace} namespace.`;
      return simulated(text, text, { type: 'unknown', reason: `namespace ${code(k.namespace)} does not exist, so nothing is listed` });
    }
    if (!missingNamespace(context, k.namespace, use.valueWord)) return failed(`namespace ${code(k.namespace)} does not exist`);
  }
  switch (sub) {
    case 'apply':
      return apply(k, 'apply');
    case 'create':
      return create(k);
    case 'get':
      return get(k, false);
    case 'describe':
      return get(k, true);
    case 'delete':
      return remove(k);
    case 'annotate':
    case 'label':
      return annotate(k, sub);
    case 'patch':
      return patch(k);
    case 'port-forward':
      return portForward(k);
    case 'rollout':
    case 'wait':
    case 'scale':
      return waitLike(k);
    case 'version':
      return simulated('kubectl version: simulated client', 'Client Version: v1.30.0 (simulated)', { type: 'unknown', reason: 'versions depend on the reader’s tools' });
    case 'config':
      return config(k);
    default: {
      context.report({ rule: 'run/live-cluster', severity: 'info', message: `Unverified \`kubectl ${sub}\`: it ${LIVE_ONLY[sub] ?? 'needs a live cluster'}, expected by the simulation only as a step to skip`, word: subWord });
      return skipped(`\`kubectl ${sub}\` ${LIVE_ONLY[sub] ?? 'needs a live cluster'}`, { type: 'unknown', reason: `\`kubectl ${sub}\` ${LIVE_ONLY[sub] ?? 'needs a live cluster'}` });
    }
  }
}

/** Why a namespace the run does not know may exist all the same, or null. */
function namespaceDoubt(state: ClusterState, namespace: string): string | null {
  const failure = failedCreation(state, 'Namespace', null, namespace);
  if (failure) return `the command at line ${failure.line}, which failed (see the error there)`;
  // Manifests of unknown content (a URL, a cloned folder) may hold Namespace objects; charts do not.
  return state.unknownSources.find((entry) => entry.namespace === null || entry.namespace === namespace)?.what ?? null;
}

/**
 * A namespace that does not exist: an error the first time, naming it; unverified (info) when a
 * failed command or something the simulation does not know (a manifest URL, an operator) may have
 * created it — then it is taken as existing, so one root cause is reported once. Returns whether
 * the command may go on.
 */
export function missingNamespace(context: SimContext, namespace: string, word: RunWord, alternative = ''): boolean {
  const state = context.state;
  const failure = failedCreation(state, 'Namespace', null, namespace);
  const doubt = namespaceDoubt(state, namespace);
  if (doubt) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified namespace ${code(namespace)}: ${failure ? `a consequence of the failed command at line ${failure.line} (its error is reported there)` : `expected it created earlier; ${doubt} may create it, but that is not simulated`}`, word });
    setOwn(state.namespaces, namespace, { line: context.lineOf(word), by: failure ? `the failed command at line ${failure.line}` : doubt, assumed: true });
    return true;
  }
  context.report({ rule: 'run/unknown-namespace', severity: 'error', message: `Unexpected namespace ${code(namespace)}, expected a namespace that exists (${Object.keys(state.namespaces).map(code).join(', ')})${alternative}`, word });
  // Later uses of the same missing namespace are consequences of this one.
  recordFailure(state, { kind: 'Namespace', name: namespace, namespace: null, line: context.lineOf(word) });
  return false;
}

/**
 * An object a command needs that does not exist: a consequence of an earlier failure (info), or —
 * when the guide never creates objects of that kind itself — a prerequisite it expects from an
 * earlier guide (`kubectl patch` of the reader's Milvus instance), assumed with an info. Returns
 * true when it was handled that way (the command goes on), false when it is an error to report.
 */
function absentObject(k: Kube, kindName: string, namespace: string | null, name: string, word: RunWord, modifies: boolean): boolean {
  const context = k.context;
  // It, the release whose chart would have made it, or its namespace was not created because a command failed.
  const failure = failedCreation(context.state, kindName, namespace, name) ?? (namespace === null ? undefined : context.state.failed.find((entry) => (entry.kind === 'Release' && entry.namespace === namespace) || (entry.kind === 'Namespace' && entry.name === namespace)));
  if (failure) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${kindName} ${code(name)}: a consequence of the failed command at line ${failure.line} (its error is reported there), after which it cannot exist`, word });
    return true;
  }
  if (!modifies || kindName === 'Namespace') return false;
  const own = context.state.objects.some((object) => object.kind === kindName && !object.origin.assumed);
  if (own) return false;
  const line = context.lineOf(word);
  context.report({ rule: 'run/assumed-object', severity: 'info', message: `Unexpected \`kubectl ${k.sub}\` of ${kindName} ${code(name)} that no step creates, expected it from the guide's prerequisites: the run assumes it exists${namespace ? ` in namespace ${code(namespace)}` : ''}`, word });
  context.prerequisites.assumed.push(`${kindName} ${name}${namespace ? ` in namespace ${namespace}` : ''} (inferred from kubectl ${k.sub})`);
  if (namespace && !hasNamespace(context.state, namespace)) setOwn(context.state.namespaces, namespace, { line, by: `prerequisite ${kindName} ${name}`, assumed: true });
  const info = kindInfo(kindName);
  const apiVersion = info?.apiVersion ?? 'v1';
  putObject(context.state, { apiVersion, kind: kindName, namespace, name, body: { apiVersion, kind: kindName, metadata: { name, ...(namespace ? { namespace } : {}) } }, origin: { line, by: `prerequisite (assumed by kubectl ${k.sub})`, assumed: true } });
  return true;
}

interface Kube {
  context: SimContext;
  parsed: ParsedArgs;
  sub: string;
  subWord: RunWord;
  namespace: string | null;
  dryRun: boolean;
}

function usage(context: SimContext, word: RunWord, found: string, expected: string): CommandOutcome {
  context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${found}, expected ${expected}`, word });
  return failed(`${found}`);
}

function dryRun(parsed: ParsedArgs): boolean {
  const value = flagString(parsed, 'dry-run');
  if (value === undefined) return false;
  return value !== 'none' && value !== 'false';
}

/** `ingress.networking.k8s.io` / `service`: how kubectl names a kind in its messages. */
export function resourceLabel(kind: string, apiVersion: string): string {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${kind.toLowerCase()}${group ? `.${group}` : ''}`;
}

function plural(kind: string): string {
  const lower = kind.toLowerCase();
  const info = kindInfo(kind);
  return info?.names[1] ?? (lower.endsWith('s') ? `${lower}es` : lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`);
}

/** Positional words after the subcommand. */
function positionals(k: Kube): RunWord[] {
  return k.parsed.positionals;
}

/** Every `-f` of the command, or a usage finding when none and none is allowed. */
function files(k: Kube): Array<{ name: string; word: RunWord }> {
  return flagAll(k.parsed, 'filename').map((use) => ({ name: use.value === true ? '' : use.value, word: use.valueWord }));
}

async function readManifestObjects(k: Kube, name: string, word: RunWord, stdin: string | null): Promise<{ objects: Array<{ body: Record<string, unknown>; index: number }>; text: string; block: CodeStep | null; alternatives: Array<{ block: CodeStep; label: string }> } | null | 'unknown'> {
  const context = k.context;
  if (name === '-') {
    if (stdin === null) {
      context.report({ rule: 'run/invalid-command', severity: 'error', message: 'Unexpected `-f -` with nothing piped in, expected a manifest on standard input (e.g. `cat <<EOF | kubectl apply -f -`)', word });
      return null;
    }
    const validated = await validateManifests(stdin);
    for (const problem of validated.problems) context.report({ rule: problem.rule, severity: problem.severity ?? 'error', message: `${problem.message} (standard input, line ${problem.line})`, word });
    if (validated.problems.some((problem) => (problem.severity ?? 'error') === 'error')) return null;
    return { objects: validated.documents, text: stdin, block: null, alternatives: [] };
  }
  if (/^https?:\/\//.test(name)) {
    context.report({ rule: 'run/network', severity: 'info', message: `Unexpected manifest URL ${code(name)}, expected a local file: the runner works offline and does not download it`, word });
    context.state.unknownSources.push({ namespace: null, what: `the manifest ${name}` });
    return 'unknown';
  }
  if (await context.sandbox.isDirectory(name)) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected folder ${code(name)} after -f, expected a manifest file (folders are not simulated)`, word });
    context.state.unknownSources.push({ namespace: null, what: `the manifests in ${name}` });
    return 'unknown';
  }
  const loaded = await loadManifests(context, word, name);
  if (loaded === 'unknown') {
    // Manifests of unknown content (a clone, a download): they may create anything.
    context.state.unknownSources.push({ namespace: null, what: `the manifests in ${name}` });
    return 'unknown';
  }
  if (loaded === null) return null;
  if (loaded.invalid) return null;
  const origin = context.blockOfFile(loaded.path);
  return { objects: loaded.documents, text: loaded.text, block: loaded.block, alternatives: origin?.alternatives ?? [] };
}

function toObject(k: Kube, body: Record<string, unknown>, by: string, line: number): KubeObject | string {
  const metadata = metadataOf(body);
  const kind = String(body.kind ?? '');
  const apiVersion = String(body.apiVersion ?? '');
  const name = typeof metadata.name === 'string' ? metadata.name : null;
  if (!name) return `a ${kind || 'manifest'} without metadata.name`;
  const namespaced = isNamespaced(kind);
  const declared = typeof metadata.namespace === 'string' ? metadata.namespace : null;
  if (namespaced && declared && k.namespace && declared !== k.namespace) return `namespace ${code(declared)} in the manifest and ${code(k.namespace)} on the command line (kubectl refuses the mismatch)`;
  const namespace = namespaced ? (declared ?? k.namespace ?? 'default') : null;
  return { apiVersion, kind, namespace, name, body: structuredClone(body), origin: { line, by } };
}

async function apply(k: Kube, verb: 'apply' | 'create', stdin: string | null = k.context.stdin): Promise<CommandOutcome> {
  const context = k.context;
  if (flagValue(k.parsed, 'kustomize')) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: 'Unexpected `-k` (kustomize), expected `-f <file>`: kustomizations are not simulated', word: flagValue(k.parsed, 'kustomize')!.word });
    return skipped('kustomize is not simulated');
  }
  const inputs = files(k);
  if (inputs.length === 0) return usage(context, k.subWord, `\`kubectl ${verb}\` without \`-f <file>\``, 'the manifest to apply given with `-f`');
  const lines: string[] = [];
  let ok = true;
  let unknown = false;
  for (const input of inputs) {
    const loaded = await readManifestObjects(k, input.name, input.word, stdin);
    if (loaded === 'unknown') {
      unknown = true;
      continue;
    }
    const resolved = input.name === '-' ? null : context.sandbox.resolve(input.name);
    const alternatives = loaded ? loaded.alternatives : resolved?.ok ? (context.blockOfFile(resolved.path)?.alternatives ?? []) : [];
    // Alternatives of the same file (one of these snippets…): each must work; the first is kept.
    for (const alternative of alternatives.slice(1)) {
      const validated = await validateManifests(alternative.block.text);
      for (const problem of validated.problems) context.report({ rule: problem.rule, severity: problem.severity ?? 'error', message: problem.message, at: { block: alternative.block, line: problem.line, column: problem.column }, alternative: true });
      if (validated.problems.some((problem) => (problem.severity ?? 'error') === 'error')) continue;
      const trial: SimContext = { ...context, state: structuredClone(context.state), report: (entry) => context.report({ ...entry, alternative: true }) };
      applyObjects({ ...k, context: trial }, validated.documents, alternative.block.text, alternative.block, verb, input.word, []);
    }
    if (!loaded) {
      ok = false;
      continue;
    }
    if (!applyObjects(k, loaded.objects, loaded.text, loaded.block, verb, input.word, lines)) ok = false;
  }
  const output = lines.join('\n');
  if (!ok) return failed(`${inputs.map((input) => code(input.name)).join(', ')} not ${verb === 'apply' ? 'applied' : 'created'}: see the findings`, output);
  if (unknown && lines.length === 0) return skipped('the manifest could not be read offline');
  return simulated(`${k.dryRun ? 'dry run: ' : ''}${lines.length > 0 && lines.length <= 3 ? lines.join('; ') : `${lines.length} object(s) ${verb === 'apply' ? 'applied' : 'created'}`}`, output, { type: 'text', text: output });
}

function applyObjects(k: Kube, documents: Array<{ body: Record<string, unknown>; index: number }>, text: string, block: CodeStep | null, verb: 'apply' | 'create', word: RunWord, lines: string[]): boolean {
  const context = k.context;
  let ok = true;
  const at = (index: number, path: Array<string | number>): { at: { block: CodeStep; line: number; column: number } } | { word: RunWord } => {
    if (!block) return { word };
    const place = placeOfPath(text, index, path);
    return { at: { block, line: place.line, column: place.column } };
  };
  for (const document of documents) {
    const object = toObject(k, document.body, `kubectl ${verb} -f ${word.value}`, context.lineOf(word));
    if (typeof object === 'string') {
      context.report({ rule: 'run/invalid-manifest', severity: 'error', message: `Unexpected ${object}, expected an object kubectl can ${verb}`, ...at(document.index, ['metadata']) });
      ok = false;
      continue;
    }
    if (object.namespace !== null && !hasNamespace(context.state, object.namespace)) {
      const place = at(document.index, ['metadata', 'namespace']);
      const handled = namespaceDoubt(context.state, object.namespace) !== null;
      if (handled) missingNamespace({ ...context, report: (entry) => context.report({ ...entry, ...place, word: entry.word }) }, object.namespace, word);
      else {
        context.report({ rule: 'run/unknown-namespace', severity: 'error', message: `Unexpected namespace ${code(object.namespace)}, expected a namespace created earlier (${Object.keys(context.state.namespaces).map(code).join(', ')})`, ...place });
        recordFailure(context.state, { kind: 'Namespace', name: object.namespace, namespace: null, line: context.lineOf(word) });
        recordFailure(context.state, { kind: object.kind, name: object.name, namespace: object.namespace, line: context.lineOf(word) });
        ok = false;
        continue;
      }
    }
    let referenceError = false;
    for (const problem of checkReferences(context.state, object)) {
      context.report({ rule: problem.rule, severity: problem.severity, message: problem.message, ...at(document.index, problem.path ?? []) });
      if (problem.severity === 'error') referenceError = true;
    }
    if (referenceError) {
      ok = false;
      recordFailure(context.state, { kind: object.kind, name: object.name, namespace: object.namespace, line: context.lineOf(word) });
    }
    const label = `${resourceLabel(object.kind, object.apiVersion)}/${object.name}`;
    if (verb === 'create' && findObject(context.state, object.kind, object.namespace, object.name)) {
      context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`kubectl create\` of ${label}, expected \`kubectl apply\`: it already exists (created at line ${findObject(context.state, object.kind, object.namespace, object.name)!.origin.line})`, word });
      ok = false;
      continue;
    }
    if (k.dryRun) {
      lines.push(`${label} ${verb === 'apply' ? 'configured' : 'created'} (dry run)`);
      continue;
    }
    addStatus(context.state, object);
    const result = putObject(context.state, object);
    lines.push(`${label} ${result}`);
  }
  return ok;
}

/** A plausible status for objects whose status guides print. */
function addStatus(state: ClusterState, object: KubeObject): void {
  const serial = nextSerial(state);
  const spec = record(object.body.spec);
  if (object.kind === 'Ingress') {
    const annotations = annotationsOf(object.body);
    const alb = spec.ingressClassName === 'alb' || Object.keys(annotations).some((key) => key.startsWith('alb.ingress.kubernetes.io/'));
    const ingress = alb ? { hostname: `k8s-${(object.namespace ?? 'default').slice(0, 6)}-${object.name.slice(0, 8)}-simulated${serial}.elb.amazonaws.com` } : { ip: `203.0.113.${serial % 250}` };
    object.body.status = { loadBalancer: { ingress: [ingress] } };
  } else if (object.kind === 'ManagedCertificate') {
    const domains = list(spec.domains).map(String);
    object.body.status = { certificateName: `mcrt-simulated-${serial}`, certificateStatus: 'Provisioning', domainStatus: domains.map((domain) => ({ domain, status: 'Provisioning' })) };
  } else if (object.kind === 'Service') {
    object.body.spec = { clusterIP: `10.96.0.${serial % 250}`, ...spec };
  }
}

async function create(k: Kube): Promise<CommandOutcome> {
  const context = k.context;
  const rest = positionals(k);
  if (rest.length === 0) return apply(k, 'create');
  const what = rest[0]!.value;
  if (what === 'namespace' || what === 'ns') {
    const nameWord = rest[1];
    if (!nameWord) return usage(context, rest[0]!, '`kubectl create namespace` without a name', 'the namespace name');
    if (hasNamespace(context.state, nameWord.value)) {
      context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`kubectl create namespace ${nameWord.value}\`, expected a new name: namespace ${code(nameWord.value)} already exists`, word: nameWord });
      return failed(`namespace ${code(nameWord.value)} already exists`);
    }
    if (!k.dryRun) putObject(context.state, { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: nameWord.value, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: nameWord.value } }, origin: { line: context.lineOf(nameWord), by: 'kubectl create namespace' } });
    return simulated(`namespace ${nameWord.value} created`, `namespace/${nameWord.value} created`);
  }
  if (what === 'secret') return createSecret(k, rest.slice(1));
  if (what === 'configmap' || what === 'cm') return createConfigMap(k, rest.slice(1));
  if (what === 'serviceaccount' || what === 'sa') {
    const nameWord = rest[1];
    if (!nameWord) return usage(context, rest[0]!, '`kubectl create serviceaccount` without a name', 'the service account name');
    const namespace = k.namespace ?? 'default';
    if (findObject(context.state, 'ServiceAccount', namespace, nameWord.value)) {
      context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`kubectl create serviceaccount ${nameWord.value}\`, expected a new name: it already exists in namespace ${code(namespace)}`, word: nameWord });
      return failed('service account exists');
    }
    if (!k.dryRun) putObject(context.state, { apiVersion: 'v1', kind: 'ServiceAccount', namespace, name: nameWord.value, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: nameWord.value, namespace } }, origin: { line: context.lineOf(nameWord), by: 'kubectl create serviceaccount' } });
    return simulated(`service account ${nameWord.value} created in ${namespace}`, `serviceaccount/${nameWord.value} created`);
  }
  context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`kubectl create ${what}\`, expected one the runner simulates (\`-f <file>\`, namespace, secret, configmap)`, word: rest[0]! });
  return skipped(`\`kubectl create ${what}\` is not simulated`);
}

async function createSecret(k: Kube, rest: RunWord[]): Promise<CommandOutcome> {
  const context = k.context;
  const type = rest[0];
  const nameWord = rest[1];
  if (!type || !['tls', 'generic', 'docker-registry'].includes(type.value)) return usage(context, type ?? k.subWord, `\`kubectl create secret ${type?.value ?? ''}\``.replace(' `', '`'), 'a secret type: `tls`, `generic` or `docker-registry`');
  if (!nameWord) return usage(context, type, `\`kubectl create secret ${type.value}\` without a name`, 'the secret name');
  const namespace = k.namespace ?? 'default';
  const allowed: Record<string, string[]> = { tls: ['cert', 'key', 'append-hash'], generic: ['from-literal', 'from-file', 'from-env-file', 'type', 'append-hash'], 'docker-registry': ['docker-server', 'docker-username', 'docker-password', 'docker-email', 'from-file'] };
  for (const [name, uses] of k.parsed.flags) {
    if (['filename', 'recursive', 'output', 'dry-run', 'save-config', 'validate', 'namespace', 'context', 'cluster', 'user', 'kubeconfig', 'request-timeout', 'v'].includes(name)) continue;
    if (!allowed[type.value]!.includes(name)) {
      context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected \`--${name}\` for \`kubectl create secret ${type.value}\`, expected ${allowed[type.value]!.map((flag) => `\`--${flag}\``).join(', ')}`, word: uses[0]!.word });
      return failed(`--${name} does not apply to secret ${type.value}`);
    }
  }
  const data: Record<string, string> = {};
  let secretType = 'Opaque';
  let ok = true;
  if (type.value === 'tls') {
    secretType = 'kubernetes.io/tls';
    const cert = flagValue(k.parsed, 'cert');
    const key = flagValue(k.parsed, 'key');
    if (!cert || !key) return usage(context, nameWord, `\`kubectl create secret tls\` without ${!cert ? '`--cert`' : '`--key`'}`, 'both `--cert=<file>` and `--key=<file>`');
    const certInput = await readInput(context, cert.valueWord, String(cert.value), 'certificate', '--cert');
    const keyInput = await readInput(context, key.valueWord, String(key.value), 'private-key', '--key');
    if (certInput.ok && keyInput.ok) {
      const certPem = readPem(certInput.bytes);
      const keyPem = readPem(keyInput.bytes);
      if (certPem.certificates.length === 0) {
        context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${describePem(certPem)} in ${code(certInput.path)}, expected a PEM certificate for \`--cert\``, word: cert.valueWord });
        ok = false;
      }
      if (!keyPem.privateKey) {
        context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${describePem(keyPem)} in ${code(keyInput.path)}, expected a PEM private key for \`--key\``, word: key.valueWord });
        ok = false;
      }
      if (ok && !keyMatches(certPem.certificates[0]!, keyPem.privateKey!)) {
        context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected key ${code(keyInput.path)} that does not match certificate ${code(certInput.path)}, expected the private key of that certificate`, word: key.valueWord });
        ok = false;
      }
      data['tls.crt'] = certInput.bytes.toString('base64');
      data['tls.key'] = keyInput.bytes.toString('base64');
    } else if (!certInput.ok && !certInput.unknown) ok = false;
    else if (!keyInput.ok && !keyInput.unknown) ok = false;
  } else {
    for (const use of flagAll(k.parsed, 'from-literal')) {
      const value = String(use.value);
      const eq = value.indexOf('=');
      if (eq <= 0) {
        context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${code(value)}, expected \`--from-literal=<key>=<value>\``, word: use.valueWord });
        ok = false;
      } else setOwn(data, value.slice(0, eq), Buffer.from(value.slice(eq + 1)).toString('base64'));
    }
    for (const use of flagAll(k.parsed, 'from-file')) {
      const value = String(use.value);
      const eq = value.indexOf('=');
      const path = eq > 0 ? value.slice(eq + 1) : value;
      const input = await readInput(context, use.valueWord, path, 'any', '--from-file');
      if (input.ok) setOwn(data, eq > 0 ? value.slice(0, eq) : path.split('/').pop()!, input.bytes.toString('base64'));
      else if (!input.unknown) ok = false;
    }
    const explicit = flagString(k.parsed, 'type');
    if (explicit) secretType = explicit;
    if (type.value === 'docker-registry') secretType = 'kubernetes.io/dockerconfigjson';
  }
  if (!ok) return failed(`secret ${code(nameWord.value)} not created`);
  const existing = findObject(context.state, 'Secret', namespace, nameWord.value);
  if (existing) {
    context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`kubectl create secret ${type.value} ${nameWord.value}\`, expected a new name: the secret already exists in namespace ${code(namespace)} (line ${existing.origin.line})`, word: nameWord });
    return failed('secret already exists');
  }
  if (!k.dryRun) {
    putObject(context.state, {
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name: nameWord.value,
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: nameWord.value, namespace }, type: secretType, data },
      origin: { line: context.lineOf(nameWord), by: `kubectl create secret ${type.value}` },
    });
  }
  return simulated(`secret ${nameWord.value} created in ${namespace}`, `secret/${nameWord.value} created`);
}

async function createConfigMap(k: Kube, rest: RunWord[]): Promise<CommandOutcome> {
  const context = k.context;
  const nameWord = rest[0];
  if (!nameWord) return usage(context, k.subWord, '`kubectl create configmap` without a name', 'the configmap name');
  const namespace = k.namespace ?? 'default';
  const data: Record<string, string> = {};
  for (const use of flagAll(k.parsed, 'from-literal')) {
    const value = String(use.value);
    const eq = value.indexOf('=');
    if (eq > 0) setOwn(data, value.slice(0, eq), value.slice(eq + 1));
  }
  for (const use of flagAll(k.parsed, 'from-file')) {
    const value = String(use.value);
    const eq = value.indexOf('=');
    const path = eq > 0 ? value.slice(eq + 1) : value;
    const input = await readInput(context, use.valueWord, path, 'any', '--from-file');
    if (!input.ok) {
      if (!input.unknown) return failed(`configmap ${code(nameWord.value)} not created`);
      continue;
    }
    setOwn(data, eq > 0 ? value.slice(0, eq) : path.split('/').pop()!, input.text);
  }
  if (findObject(context.state, 'ConfigMap', namespace, nameWord.value)) {
    context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`kubectl create configmap ${nameWord.value}\`, expected a new name: it already exists in namespace ${code(namespace)}`, word: nameWord });
    return failed('configmap already exists');
  }
  if (!k.dryRun) putObject(context.state, { apiVersion: 'v1', kind: 'ConfigMap', namespace, name: nameWord.value, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: nameWord.value, namespace }, data }, origin: { line: context.lineOf(nameWord), by: 'kubectl create configmap' } });
  return simulated(`configmap ${nameWord.value} created in ${namespace}`, `configmap/${nameWord.value} created`);
}

/** The objects a command targets: from `-f` files, or `<kind> <name>…` / `<kind>/<name>`. */
async function targets(k: Kube, allowAll: boolean): Promise<{ kind: KindInfo | null; objects: Array<{ kind: KindInfo | null; kindName: string; namespace: string | null; name: string | null; word: RunWord }>; ok: boolean; unknown: boolean; reason?: string }> {
  const context = k.context;
  const result: Array<{ kind: KindInfo | null; kindName: string; namespace: string | null; name: string | null; word: RunWord }> = [];
  const inputs = files(k);
  let unknown = false;
  if (inputs.length > 0) {
    for (const input of inputs) {
      const loaded = await readManifestObjects(k, input.name, input.word, context.stdin);
      if (loaded === 'unknown') {
        unknown = true;
        continue;
      }
      if (!loaded) return { kind: null, objects: [], ok: false, unknown, reason: `${code(input.name)} is missing or not a valid manifest` };
      for (const document of loaded.objects) {
        const kindName = String(document.body.kind ?? '');
        const metadata = metadataOf(document.body);
        const info = kindInfo(kindName) ?? null;
        const namespaced = isNamespaced(kindName);
        result.push({ kind: info, kindName, namespace: namespaced ? (typeof metadata.namespace === 'string' ? metadata.namespace : (k.namespace ?? 'default')) : null, name: typeof metadata.name === 'string' ? metadata.name : null, word: input.word });
      }
    }
    return { kind: result[0]?.kind ?? null, objects: result, ok: true, unknown };
  }
  const rest = positionals(k);
  if (rest.length === 0) {
    usage(context, k.subWord, `\`kubectl ${k.sub}\` without a resource`, 'a resource type (and name), or `-f <file>`');
    return { kind: null, objects: [], ok: false, unknown };
  }
  const allNamespaces = flagOn(k.parsed, 'all-namespaces');
  const namespace = allNamespaces ? null : (k.namespace ?? 'default');
  const resources = rest[0]!.value.includes('/') ? rest : [rest[0]!];
  const names = rest[0]!.value.includes('/') ? [] : rest.slice(1);
  let firstKind: KindInfo | null = null;
  for (const resourceWord of resources) {
    const [resource, slashName] = resourceWord.value.split('/', 2) as [string, string | undefined];
    for (const part of resource.split(',')) {
      const info = kindFromResource(part);
      if (!info) {
        const crdKnown = context.state.objects.some((object) => object.kind === 'CustomResourceDefinition') || unknownCreator(context.state, null) !== null;
        context.report({ rule: crdKnown ? 'run/unverified' : 'run/unknown-resource', severity: crdKnown ? 'info' : 'error', message: `Unexpected resource type ${code(part)}, expected one kubectl knows (${['pods', 'services', 'ingress', 'secrets', 'deployments', '…'].join(', ')})`, word: resourceWord });
        if (!crdKnown) return { kind: null, objects: [], ok: false, unknown };
        unknown = true;
        continue;
      }
      firstKind ??= info;
      const ns = info.namespaced ? namespace : null;
      if (slashName !== undefined) result.push({ kind: info, kindName: info.kind, namespace: ns, name: slashName, word: resourceWord });
      else if (names.length > 0) for (const nameWord of names) result.push({ kind: info, kindName: info.kind, namespace: ns, name: nameWord.value, word: nameWord });
      else if (allowAll) result.push({ kind: info, kindName: info.kind, namespace: ns, name: null, word: resourceWord });
      else {
        usage(context, resourceWord, `\`kubectl ${k.sub} ${part}\` without a name`, `the name of the ${info.kind}`);
        return { kind: null, objects: [], ok: false, unknown };
      }
    }
  }
  return { kind: firstKind, objects: result, ok: true, unknown };
}

/** Objects a chart release may have created that the simulation does not know. */
function mayBeFromChart(state: ClusterState, namespace: string | null): string | null {
  return unknownCreator(state, namespace);
}

const CHART_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job', 'PersistentVolumeClaim', 'ConfigMap', 'Endpoints', 'ServiceAccount', 'Node', 'PersistentVolume', 'StorageClass'];

async function get(k: Kube, describe: boolean): Promise<CommandOutcome> {
  const context = k.context;
  const found = await targets(k, true);
  if (!found.ok) return failed(found.reason ?? `kubectl ${k.sub}: no valid target`);
  const objects: KubeObject[] = [];
  let missing = false;
  const unknownNotes: string[] = [];
  for (const target of found.objects) {
    const kindName = target.kind?.kind ?? target.kindName;
    if (target.name === null) {
      const all = objectsOf(context.state, kindName, target.namespace);
      objects.push(...all);
      if (CHART_KINDS.includes(kindName) || (target.kind && mayBeFromChart(context.state, target.namespace))) {
        unknownNotes.push(`${plural(kindName)} of a cluster or chart are not simulated`);
      }
      continue;
    }
    const object = findObject(context.state, kindName, target.namespace, target.name);
    if (object) {
      objects.push(object);
      continue;
    }
    const chart = mayBeFromChart(context.state, target.namespace);
    if (chart || CHART_KINDS.includes(kindName)) {
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${kindName} ${code(target.name)}: expected to exist, ${chart ? `${chart} may create it` : 'it comes from the live cluster'}, but that is not simulated`, word: target.word });
      unknownNotes.push(`${kindName} ${target.name} is not simulated`);
      continue;
    }
    if (flagOn(k.parsed, 'ignore-not-found')) continue;
    if (absentObject(k, kindName, target.namespace, target.name, target.word, false)) {
      unknownNotes.push(`${kindName} ${target.name} was not created`);
      continue;
    }
    missing = true;
    const label = `${plural(kindName)}${target.kind && target.kind.apiVersion.includes('/') ? `.${target.kind.apiVersion.split('/')[0]}` : ''}`;
    const created = objectsOf(context.state, kindName, null).map((other) => `${code(other.name)} in ${code(other.namespace ?? '-')}`);
    context.report({
      rule: 'run/not-found',
      severity: 'error',
      message: `Unexpected ${label} ${code(target.name)} in namespace ${code(target.namespace ?? '-')}, expected an object created earlier (${created.length > 0 ? `created: ${created.join(', ')}` : `no ${kindName} was created`}) — kubectl: Error from server (NotFound)`,
      word: target.word,
    });
  }
  if (missing) return failed(`kubectl ${k.sub}: not found`);
  if (found.unknown && objects.length === 0) return skipped('the target could not be read offline', { type: 'unknown', reason: 'the target could not be read offline' });
  const watch = flagOn(k.parsed, 'watch') || flagOn(k.parsed, 'watch-only');
  const note = watch ? ' (watch: the simulation prints the current state once)' : '';
  if (describe) {
    const text = objects.map((object) => `Name:         ${object.name}\nNamespace:    ${object.namespace ?? ''}\nKind:         ${object.kind}`).join('\n\n');
    return simulated(`described ${objects.length} object(s)`, text, { type: 'unknown', reason: '`kubectl describe` output is not compared' });
  }
  const output = flagString(k.parsed, 'output');
  if (output === 'yaml' || output === 'json') {
    const bodies = objects.map((object) => object.body);
    const data = bodies.length === 1 ? bodies[0] : { apiVersion: 'v1', kind: 'List', items: bodies };
    const text = output === 'yaml' ? stringify(data) : JSON.stringify(data, null, 2);
    const printed: Printed = unknownNotes.length > 0 && objects.length === 0 ? { type: 'unknown', reason: unknownNotes[0]! } : { type: 'objects', format: output, objects, text };
    return simulated(`printed ${objects.length} object(s) as ${output}${note}`, text, printed);
  }
  if (output !== undefined && !/^(wide|name|jsonpath=.*|jsonpath-as-json=.*|custom-columns=.*|go-template=.*)$/.test(output)) {
    const use = flagValue(k.parsed, 'output')!;
    context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected output format ${code(output)}, expected one of json, yaml, wide, name, jsonpath=…, custom-columns=…`, word: use.valueWord });
    return failed('unknown output format');
  }
  const kind = found.kind ?? (objects[0] ? (kindInfo(objects[0].kind) ?? null) : null);
  if (output === 'name') {
    const text = objects.map((object) => `${resourceLabel(object.kind, object.apiVersion)}/${object.name}`).join('\n');
    return simulated(`printed ${objects.length} name(s)${note}`, text, { type: 'text', text });
  }
  if (output !== undefined && output !== 'wide') return simulated(`printed ${objects.length} object(s) with ${output}${note}`, '', { type: 'unknown', reason: `\`-o ${output}\` output is not simulated` });
  const text = table(objects, flagOn(k.parsed, 'all-namespaces'));
  if (!kind) return simulated(`printed ${objects.length} object(s)${note}`, text, { type: 'unknown', reason: 'mixed resource types' });
  const printed: Printed = unknownNotes.length > 0 ? { type: 'table', kind, objects, text, unknown: unknownNotes[0]! } : { type: 'table', kind, objects, text };
  return simulated(`listed ${objects.length} ${objects.length === 1 ? kind.kind : plural(kind.kind)}${note}`, text || 'No resources found', printed);
}

/** The columns `kubectl get` prints for a kind, computed from the simulated object. */
export function columnsOf(object: KubeObject): Array<[string, string]> {
  const spec = record(object.body.spec);
  const status = record(object.body.status);
  switch (object.kind) {
    case 'Ingress': {
      const hosts = list(spec.rules).map((rule) => record(rule).host).filter((host): host is string => typeof host === 'string');
      const lb = list(record(status.loadBalancer).ingress).map(record)[0] ?? {};
      return [
        ['NAME', object.name],
        ['CLASS', typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>'],
        ['HOSTS', hosts.length > 0 ? hosts.join(',') : '*'],
        ['ADDRESS', String(lb.ip ?? lb.hostname ?? '')],
        ['PORTS', list(spec.tls).length > 0 ? '80, 443' : '80'],
        ['AGE', '0s'],
      ];
    }
    case 'Service': {
      const ports = list(spec.ports).map(record).map((port) => `${port.port}/${port.protocol ?? 'TCP'}`).join(',');
      return [
        ['NAME', object.name],
        ['TYPE', String(spec.type ?? 'ClusterIP')],
        ['CLUSTER-IP', String(spec.clusterIP ?? '10.96.0.10')],
        ['EXTERNAL-IP', spec.type === 'LoadBalancer' ? '<pending>' : '<none>'],
        ['PORT(S)', ports],
        ['AGE', '0s'],
      ];
    }
    case 'Secret':
      return [
        ['NAME', object.name],
        ['TYPE', String(object.body.type ?? 'Opaque')],
        ['DATA', String(Object.keys(record(object.body.data)).length + Object.keys(record(object.body.stringData)).length)],
        ['AGE', '0s'],
      ];
    case 'ManagedCertificate':
      return [
        ['NAME', object.name],
        ['AGE', '0s'],
        ['STATUS', String(status.certificateStatus ?? 'Provisioning')],
      ];
    case 'Namespace':
      return [
        ['NAME', object.name],
        ['STATUS', 'Active'],
        ['AGE', '0s'],
      ];
    case 'ConfigMap':
      return [
        ['NAME', object.name],
        ['DATA', String(Object.keys(record(object.body.data)).length)],
        ['AGE', '0s'],
      ];
    default:
      return [
        ['NAME', object.name],
        ['AGE', '0s'],
      ];
  }
}

function table(objects: KubeObject[], withNamespace: boolean): string {
  if (objects.length === 0) return '';
  const rows = objects.map((object) => [...(withNamespace ? ([['NAMESPACE', object.namespace ?? '']] as Array<[string, string]>) : []), ...columnsOf(object)]);
  const header = rows[0]!.map(([name]) => name);
  const widths = header.map((name, index) => Math.max(name.length, ...rows.map((row) => row[index]?.[1].length ?? 0)));
  const line = (cells: string[]): string => cells.map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index]! + 3))).join('').trimEnd();
  return [line(header), ...rows.map((row) => line(row.map(([, value]) => value)))].join('\n');
}

async function remove(k: Kube): Promise<CommandOutcome> {
  const context = k.context;
  const found = await targets(k, flagOn(k.parsed, 'all') || flagValue(k.parsed, 'selector') !== undefined);
  if (!found.ok) return failed(found.reason ?? 'kubectl delete: no valid target');
  const lines: string[] = [];
  let ok = true;
  for (const target of found.objects) {
    const kindName = target.kind?.kind ?? target.kindName;
    if (target.name === null) {
      for (const object of objectsOf(context.state, kindName, target.namespace)) {
        if (!k.dryRun) removeObject(context.state, object.kind, object.namespace, object.name);
        lines.push(`${resourceLabel(object.kind, object.apiVersion)} "${object.name}" deleted`);
      }
      continue;
    }
    const object = findObject(context.state, kindName, target.namespace, target.name);
    if (!object) {
      if (flagOn(k.parsed, 'ignore-not-found')) continue;
      const chart = mayBeFromChart(context.state, target.namespace);
      if (chart) {
        context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${kindName} ${code(target.name)}: expected to exist; ${chart} may have created it, but that is not simulated`, word: target.word });
        continue;
      }
      if (absentObject(k, kindName, target.namespace, target.name, target.word, false)) continue;
      context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected ${kindName} ${code(target.name)} in namespace ${code(target.namespace ?? '-')}, expected an object that exists — kubectl: Error from server (NotFound)`, word: target.word });
      ok = false;
      continue;
    }
    if (!k.dryRun) removeObject(context.state, object.kind, object.namespace, object.name);
    lines.push(`${resourceLabel(object.kind, object.apiVersion)} "${object.name}" deleted`);
  }
  const text = lines.join('\n');
  return ok ? simulated(`${lines.length} object(s) deleted`, text, { type: 'text', text }) : failed('kubectl delete failed', text);
}

const ANNOTATION_KEY = /^(?:(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

async function annotate(k: Kube, verb: 'annotate' | 'label'): Promise<CommandOutcome> {
  const context = k.context;
  const rest = positionals(k);
  // Split `<type> <name>` (or `<type>/<name>`) from the `key=value` / `key-` pairs.
  const pairs = rest.filter((word) => word.value.includes('=') || /^[^=]+-$/.test(word.value));
  const targetWords = rest.filter((word) => !pairs.includes(word));
  const found = await targets({ ...k, parsed: { ...k.parsed, positionals: targetWords } }, flagOn(k.parsed, 'all'));
  if (!found.ok) return failed(found.reason ?? `kubectl ${verb}: no valid target`);
  if (pairs.length === 0 && !flagOn(k.parsed, 'list')) return usage(context, k.subWord, `\`kubectl ${verb}\` without \`key=value\``, `at least one ${verb === 'annotate' ? 'annotation' : 'label'} \`key=value\` (or \`key-\` to remove one)`);
  const changes: Array<{ key: string; value: string | null; word: RunWord }> = [];
  for (const word of pairs) {
    const eq = word.value.indexOf('=');
    const key = eq === -1 ? word.value.slice(0, -1) : word.value.slice(0, eq);
    if (!ANNOTATION_KEY.test(key) || key.length > 316) {
      context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${verb === 'annotate' ? 'annotation' : 'label'} key ${code(key)}, expected \`[prefix/]name\` (a DNS prefix, a name of letters, digits, \`-_.\`)`, word });
      return failed('invalid key');
    }
    const value = eq === -1 ? null : word.value.slice(eq + 1);
    if (verb === 'label' && value !== null && !/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/.test(value)) {
      context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected label value ${code(value)}, expected at most 63 letters, digits, \`-_.\``, word });
      return failed('invalid label value');
    }
    changes.push({ key, value, word });
  }
  const overwrite = flagOn(k.parsed, 'overwrite');
  const lines: string[] = [];
  let ok = true;
  for (const target of found.objects) {
    const kindName = target.kind?.kind ?? target.kindName;
    let objects = target.name === null ? objectsOf(context.state, kindName, target.namespace) : [findObject(context.state, kindName, target.namespace, target.name)].filter((object): object is KubeObject => object !== undefined);
    if (objects.length === 0 && target.name !== null) {
      const chart = mayBeFromChart(context.state, target.namespace);
      if (chart) {
        context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${kindName} ${code(target.name)}: expected to exist; ${chart} may have created it, but its objects are not simulated`, word: target.word });
        continue;
      }
      if (absentObject(k, kindName, target.namespace, target.name, target.word, true)) objects = [findObject(context.state, kindName, target.namespace, target.name)].filter((object): object is KubeObject => object !== undefined);
    }
    if (objects.length === 0 && target.name !== null) {
      const created = objectsOf(context.state, kindName, null).map((other) => `${code(other.name)} in ${code(other.namespace ?? '-')}`);
      context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected ${kindName} ${code(target.name)} in namespace ${code(target.namespace ?? '-')}, expected an object created earlier or by a release (${created.length > 0 ? `there are: ${created.join(', ')}` : `no ${kindName} exists`})`, word: target.word });
      ok = false;
      continue;
    }
    for (const object of objects) {
      const metadata = metadataOf(object.body);
      const field = verb === 'annotate' ? 'annotations' : 'labels';
      const current = { ...(record(metadata[field]) as Record<string, unknown>) };
      for (const change of changes) {
        if (change.value === null) {
          delete current[change.key];
          continue;
        }
        const existing = ownValue(current, change.key);
        if (existing !== undefined && String(existing) !== change.value && !overwrite) {
          context.report({ rule: 'run/missing-overwrite', severity: 'error', message: `Unexpected change of existing ${verb === 'annotate' ? 'annotation' : 'label'} ${code(change.key)} without \`--overwrite\`, expected \`--overwrite\` (kubectl refuses: it already has a value)`, word: change.word });
          ok = false;
          continue;
        }
        setOwn(current, change.key, change.value);
      }
      if (verb === 'annotate' && object.kind === 'Service') {
        const strings = Object.fromEntries(Object.entries(current).map(([key, value]) => [key, String(value)]));
        for (const problem of serviceAnnotationProblems(context.state, object, strings)) {
          const word = changes.find((change) => change.key === problem.annotation)?.word;
          if (!word) continue; // problems of annotations this command does not touch were reported before
          context.report({ rule: problem.rule, severity: problem.severity, message: problem.message, word });
          if (problem.severity === 'error') ok = false;
        }
      }
      if (ok && !k.dryRun) {
        metadata[field] = current;
        object.body.metadata = metadata;
      }
      lines.push(`${resourceLabel(object.kind, object.apiVersion)}/${object.name} ${verb === 'annotate' ? 'annotated' : 'labeled'}`);
    }
  }
  const text = lines.join('\n');
  return ok ? simulated(lines.length > 0 && lines.length <= 3 ? lines.join('; ') : `${lines.length} object(s) ${verb === 'annotate' ? 'annotated' : 'labeled'}`, text, { type: 'text', text }) : failed(`kubectl ${verb} failed: see the findings`, text);
}

async function patch(k: Kube): Promise<CommandOutcome> {
  const context = k.context;
  const found = await targets(k, false);
  if (!found.ok) return failed(found.reason ?? 'kubectl patch: no valid target');
  const patchUse = flagValue(k.parsed, 'patch');
  const patchFile = flagValue(k.parsed, 'patch-file');
  let patchText: string | null = patchUse ? String(patchUse.value) : null;
  const patchWord = patchUse?.valueWord ?? patchFile?.valueWord ?? k.subWord;
  if (patchFile) {
    const input = await readInput(context, patchFile.valueWord, String(patchFile.value), 'json', '--patch-file');
    if (!input.ok) return input.unknown ? skipped('patch file unknown') : failed('patch file missing');
    patchText = input.text;
  }
  if (patchText === null) return usage(context, k.subWord, '`kubectl patch` without `-p`', 'a patch given with `-p \'{…}\'` or `--patch-file`');
  let patchData: unknown;
  try {
    const { parse } = await import('yaml');
    patchData = parse(patchText);
  } catch (error) {
    context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected patch ${code(patchText)}, expected JSON or YAML (${(error as Error).message.split('\n')[0]})`, word: patchWord });
    return failed('patch does not parse');
  }
  const type = flagString(k.parsed, 'type') ?? 'strategic';
  if (!['strategic', 'merge', 'json'].includes(type)) {
    context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected patch type ${code(type)}, expected strategic, merge or json`, word: flagValue(k.parsed, 'type')!.valueWord });
    return failed('unknown patch type');
  }
  if (type === 'json' ? !Array.isArray(patchData) : !patchData || typeof patchData !== 'object' || Array.isArray(patchData)) {
    context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${Array.isArray(patchData) ? 'a list' : typeof patchData} as a ${type} patch, expected ${type === 'json' ? 'a JSON Patch list of operations' : 'an object'}`, word: patchWord });
    return failed('patch of the wrong shape');
  }
  const lines: string[] = [];
  for (const target of found.objects) {
    const kindName = target.kind?.kind ?? target.kindName;
    const object = target.name ? findObject(context.state, kindName, target.namespace, target.name) : undefined;
    if (!object) {
      const chart = mayBeFromChart(context.state, target.namespace);
      if (chart || CHART_KINDS.includes(kindName)) {
        context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${kindName} ${code(target.name ?? '')}: expected to exist; ${chart ?? 'the live cluster'} may have it, but that is not simulated`, word: target.word });
        continue;
      }
      if (target.name && absentObject(k, kindName, target.namespace, target.name, target.word, true)) {
        const assumed = findObject(context.state, kindName, target.namespace, target.name);
        if (assumed && type !== 'json' && !k.dryRun) assumed.body = mergePatch(assumed.body, patchData as Record<string, unknown>) as Record<string, unknown>;
        lines.push(`${resourceLabel(kindName, assumed?.apiVersion ?? '')}/${target.name} patched`);
        continue;
      }
      context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected ${kindName} ${code(target.name ?? '')} in namespace ${code(target.namespace ?? '-')}, expected an object created earlier`, word: target.word });
      return failed('kubectl patch: not found');
    }
    if (type !== 'json' && !k.dryRun) object.body = mergePatch(object.body, patchData as Record<string, unknown>) as Record<string, unknown>;
    lines.push(`${resourceLabel(object.kind, object.apiVersion)}/${object.name} patched`);
  }
  const text = lines.join('\n');
  return simulated(`${lines.length} object(s) patched`, text, { type: 'text', text });
}

function mergePatch(target: unknown, patchValue: unknown): unknown {
  if (!patchValue || typeof patchValue !== 'object' || Array.isArray(patchValue)) return patchValue;
  const result: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patchValue as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(ownValue(result, key), value));
  }
  return result;
}

async function portForward(k: Kube): Promise<CommandOutcome> {
  const context = k.context;
  const rest = positionals(k);
  const target = rest[0];
  if (!target || rest.length < 2) return usage(context, k.subWord, '`kubectl port-forward` without a target and ports', '`kubectl port-forward <type>/<name> <local>:<remote>`');
  const [resource, name] = target.value.includes('/') ? target.value.split('/', 2) : ['pod', target.value];
  const info = kindFromResource(resource!);
  const namespace = k.namespace ?? 'default';
  if (info && name && info.kind === 'Service') {
    const service = findObject(context.state, 'Service', namespace, name);
    if (!service && !mayBeFromChart(context.state, namespace) && !absentObject(k, 'Service', namespace, name, target, false)) {
      context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected service ${code(name)} in namespace ${code(namespace)}, expected a service created earlier or by a release`, word: target });
      return failed('service not found');
    }
    const ports = list(record(service?.body.spec).ports).map(record);
    for (const word of rest.slice(1)) {
      const remote = word.value.split(':').pop()!;
      if (ports.length > 0 && !ports.some((port) => String(port.port) === remote || port.name === remote)) {
        context.report({ rule: 'run/unknown-reference', severity: 'error', message: `Unexpected port ${code(remote)} of service ${code(name)}, expected one of its ports (${ports.map((port) => String(port.port)).join(', ')})`, word });
        return failed('unknown port');
      }
    }
  }
  return simulated('port-forward: would forward until interrupted; simulated as set up', `Forwarding from 127.0.0.1:${rest[1]!.value.split(':')[0]} (simulated)`, { type: 'unknown', reason: 'port-forward prints live connections' });
}

async function waitLike(k: Kube): Promise<CommandOutcome> {
  const context = k.context;
  if (k.sub === 'rollout') {
    const action = k.parsed.positionals[0];
    if (!action || !['status', 'restart', 'history', 'undo', 'pause', 'resume'].includes(action.value)) return usage(context, action ?? k.subWord, `\`kubectl rollout ${action?.value ?? ''}\``, 'status, restart, history, undo, pause or resume');
  }
  return simulated(`\`kubectl ${k.sub}\`: needs live workloads; simulated as done`, '', { type: 'unknown', reason: `\`kubectl ${k.sub}\` reports live workloads` });
}

async function config(k: Kube): Promise<CommandOutcome> {
  const action = k.parsed.positionals[0];
  const known = ['current-context', 'get-contexts', 'use-context', 'set-context', 'view', 'get-clusters', 'set-cluster', 'set-credentials', 'delete-context', 'rename-context'];
  if (!action || !known.includes(action.value)) return usage(k.context, action ?? k.subWord, `\`kubectl config ${action?.value ?? ''}\``, known.join(', '));
  return simulated(`kubectl config ${action.value}: simulated`, '', { type: 'unknown', reason: 'kubeconfig contents are the reader’s' });
}
