/**
 * A helm that keeps releases in the simulated cluster: `repo add/update`, `install`, `upgrade`
 * (`--install`, `--reuse-values`), `uninstall`, `list`, `status`, `get values`, `template`. Values
 * come from `-f/--values` files (validated as YAML mappings) and `--set`/`--set-string` (parsed
 * with Helm's own syntax). The milvus chart is modelled — it creates the Service `<fullname>`
 * with ports `milvus` (19530) and `metrics` (9091) — so later references to it can be checked;
 * other charts are recorded as releases whose objects are unknown.
 *
 * Prerequisites: `helm upgrade` (without `--install`) of a release the guide never installed
 * means the guide expects it from an earlier guide ("Before you start"): it is assumed, with an
 * info finding — unless the guide installed other releases itself, where it is an error.
 */
import type { RunWord } from '../shell.ts';
import { flagAll, flagOn, flagString, flagValue, parseArgs, type FlagSpec, type ParsedArgs } from './args.ts';
import { failedCreation, findObject, findRelease, hasNamespace, putObject, record, recordFailure, type ClusterState, type Origin, type Release } from './cluster.ts';
import { code, failed, simulated, skipped, type CommandOutcome, type SimContext } from './context.ts';
import { loadValues, readInput } from './files.ts';
import { missingNamespace } from './kubectl.ts';
import { lookupTable, ownValue, setOwn } from '../../core/content-keys.ts';

const GLOBAL: FlagSpec[] = [
  { name: 'namespace', aliases: ['n'], value: true },
  { name: 'kube-context', value: true },
  { name: 'kubeconfig', value: true },
  { name: 'debug', value: false },
  { name: 'repository-config', value: true },
  { name: 'repository-cache', value: true },
  { name: 'registry-config', value: true },
  { name: 'burst-limit', value: true },
];

const VALUES: FlagSpec[] = [
  { name: 'values', aliases: ['f'], value: true },
  { name: 'set', value: true },
  { name: 'set-string', value: true },
  { name: 'set-file', value: true },
  { name: 'set-json', value: true },
  { name: 'set-literal', value: true },
];

const INSTALL: FlagSpec[] = [
  ...VALUES,
  { name: 'version', value: true },
  { name: 'devel', value: false },
  { name: 'create-namespace', value: false },
  { name: 'wait', value: false },
  { name: 'wait-for-jobs', value: false },
  { name: 'timeout', value: true },
  { name: 'atomic', value: false },
  { name: 'dry-run', value: 'optional' },
  { name: 'description', value: true },
  { name: 'repo', value: true },
  { name: 'username', value: true },
  { name: 'password', value: true },
  { name: 'skip-crds', value: false },
  { name: 'no-hooks', value: false },
  { name: 'render-subchart-notes', value: false },
  { name: 'dependency-update', value: false },
  { name: 'output', aliases: ['o'], value: true },
];

const SUBCOMMANDS = lookupTable<FlagSpec[]>({
  install: [...INSTALL, { name: 'generate-name', aliases: ['g'], value: false }, { name: 'name-template', value: true }, { name: 'replace', value: false }],
  upgrade: [...INSTALL, { name: 'install', aliases: ['i'], value: false }, { name: 'reuse-values', value: false }, { name: 'reset-values', value: false }, { name: 'reset-then-reuse-values', value: false }, { name: 'force', value: false }, { name: 'cleanup-on-fail', value: false }, { name: 'history-max', value: true }],
  uninstall: [{ name: 'wait', value: false }, { name: 'keep-history', value: false }, { name: 'timeout', value: true }, { name: 'dry-run', value: false }, { name: 'no-hooks', value: false }],
  list: [{ name: 'all-namespaces', aliases: ['A'], value: false }, { name: 'all', aliases: ['a'], value: false }, { name: 'output', aliases: ['o'], value: true }, { name: 'short', aliases: ['q'], value: false }, { name: 'filter', value: true }],
  status: [{ name: 'output', aliases: ['o'], value: true }, { name: 'revision', value: true }, { name: 'show-desc', value: false }],
  get: [{ name: 'all', aliases: ['a'], value: false }, { name: 'output', aliases: ['o'], value: true }, { name: 'revision', value: true }],
  template: [...INSTALL, { name: 'output-dir', value: true }, { name: 'show-only', aliases: ['s'], value: true }, { name: 'api-versions', value: true }, { name: 'kube-version', value: true }, { name: 'include-crds', value: false }, { name: 'release-name', value: false }],
  repo: [{ name: 'force-update', value: false }, { name: 'username', value: true }, { name: 'password', value: true }, { name: 'fail-on-repo-update-fail', value: false }, { name: 'output', aliases: ['o'], value: true }],
  show: [{ name: 'version', value: true }, { name: 'devel', value: false }, { name: 'repo', value: true }],
  search: [{ name: 'versions', aliases: ['l'], value: false }, { name: 'devel', value: false }, { name: 'version', value: true }, { name: 'output', aliases: ['o'], value: true }],
  version: [{ name: 'short', value: false }, { name: 'template', value: true }],
  history: [{ name: 'max', value: true }, { name: 'output', aliases: ['o'], value: true }],
  rollback: [{ name: 'wait', value: false }, { name: 'timeout', value: true }, { name: 'force', value: false }, { name: 'cleanup-on-fail', value: false }],
});
const ALIASES = lookupTable<string>({ un: 'uninstall', delete: 'uninstall', del: 'uninstall', ls: 'list' });
const REAL_SUBCOMMANDS = ['completion', 'create', 'dependency', 'env', 'get', 'help', 'history', 'install', 'lint', 'list', 'package', 'plugin', 'pull', 'push', 'registry', 'repo', 'rollback', 'search', 'show', 'status', 'template', 'test', 'uninstall', 'upgrade', 'verify', 'version', ...Object.keys(ALIASES)];

export async function helm(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const args = words.slice(1);
  const all = Object.values(SUBCOMMANDS).flat().filter((spec, index, list) => list.findIndex((other) => other.name === spec.name) === index);
  const probe = parseArgs(args, [...GLOBAL, ...all], 'helm');
  const subWord = probe.positionals[0];
  if (!subWord) return usage(context, words[0]!, '`helm` without a subcommand', 'a subcommand such as `install` or `upgrade`');
  const sub = ALIASES[subWord.value] ?? subWord.value;
  if (!REAL_SUBCOMMANDS.includes(subWord.value)) {
    context.report({ rule: 'run/unknown-command', severity: 'error', message: `Unexpected helm subcommand ${code(subWord.value)}, expected one of helm's subcommands (install, upgrade, repo, uninstall, list, …)`, word: subWord });
    return failed(`helm has no subcommand ${code(subWord.value)}`);
  }
  const specs = SUBCOMMANDS[sub];
  if (!specs) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`helm ${sub}\`, expected a helm subcommand the runner simulates (${Object.keys(SUBCOMMANDS).join(', ')})`, word: subWord });
    return skipped(`\`helm ${sub}\` is not simulated`);
  }
  const parsed = parseArgs(args.filter((word) => word !== subWord), [...GLOBAL, ...specs], `helm ${sub}`);
  if (parsed.problems.length > 0) {
    for (const problem of parsed.problems) context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected ${problem.found}, expected ${problem.expected}`, word: problem.word });
    return failed(`helm ${sub}: unknown or incomplete flags`);
  }
  const h: Helm = { context, parsed, sub, subWord, namespace: flagString(parsed, 'namespace') ?? 'default', rest: parsed.positionals };
  switch (sub) {
    case 'repo':
      return repo(h);
    case 'install':
    case 'upgrade': {
      const outcome = await installOrUpgrade(h, sub);
      if (outcome.status === 'failed') {
        // What it would have created: later steps that need it are consequences of this failure.
        const line = context.lineOf(subWord);
        const name = h.rest[0]?.value;
        if (name && !flagOn(parsed, 'generate-name')) recordFailure(context.state, { kind: 'Release', name, namespace: h.namespace, line });
        if (flagOn(parsed, 'create-namespace') && !hasNamespace(context.state, h.namespace)) recordFailure(context.state, { kind: 'Namespace', name: h.namespace, namespace: null, line });
      }
      return outcome;
    }
    case 'template':
      return installOrUpgrade(h, 'template');
    case 'uninstall':
      return uninstall(h);
    case 'list':
      return listReleases(h);
    case 'status':
    case 'get':
    case 'history':
    case 'rollback':
      return releaseQuery(h);
    default:
      return simulated(`\`helm ${sub}\`: nothing to check offline`, '', { type: 'unknown', reason: `\`helm ${sub}\` prints what the live repositories hold` });
  }
}

interface Helm {
  context: SimContext;
  parsed: ParsedArgs;
  sub: string;
  subWord: RunWord;
  namespace: string;
  rest: RunWord[];
}

function usage(context: SimContext, word: RunWord, found: string, expected: string): CommandOutcome {
  context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${found}, expected ${expected}`, word });
  return failed(found);
}

async function repo(h: Helm): Promise<CommandOutcome> {
  const { context } = h;
  const action = h.rest[0];
  const state = context.state;
  if (!action || !['add', 'update', 'up', 'list', 'ls', 'remove', 'rm', 'index'].includes(action.value)) return usage(context, action ?? h.subWord, `\`helm repo ${action?.value ?? ''}\``, 'add, update, list or remove');
  if (action.value === 'add') {
    const [name, url] = h.rest.slice(1);
    if (!name || !url) return usage(context, action, '`helm repo add` without a name and URL', '`helm repo add <name> <url>`');
    if (!/^(https?|oci):\/\/[^\s/]+/.test(url.value)) return usage(context, url, `repository URL ${code(url.value)}`, 'an http(s):// URL');
    const known = ownValue(state.repos, name.value);
    if (known && known !== url.value && !flagOn(h.parsed, 'force-update')) {
      context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`helm repo add ${name.value}\` with another URL, expected \`--force-update\`: ${code(name.value)} already points to ${known}`, word: name });
      return failed('repository name in use');
    }
    setOwn(state.repos, name.value, url.value);
    return simulated(`repository ${name.value} recorded (not contacted: the runner works offline)`, `"${name.value}" has been added to your repositories`);
  }
  if (action.value === 'remove' || action.value === 'rm') {
    for (const name of h.rest.slice(1)) delete state.repos[name.value];
    return simulated('repositories removed');
  }
  return simulated(`\`helm repo ${action.value}\`: simulated (offline)`, '', { type: 'unknown', reason: 'repository contents are live' });
}

/** The chart name of a reference: `milvus/milvus` → milvus, `./charts/milvus` → milvus. */
function chartName(reference: string): string {
  return reference.replace(/\/$/, '').split('/').pop()!.replace(/-\d+\.\d+\.\d+.*\.tgz$/, '').replace(/\.tgz$/, '');
}

/** Helm's fullname template of the milvus chart. */
export function milvusFullname(release: string, values: Record<string, unknown>): string {
  if (typeof values.fullnameOverride === 'string' && values.fullnameOverride) return values.fullnameOverride.slice(0, 63).replace(/-+$/, '');
  const name = typeof values.nameOverride === 'string' && values.nameOverride ? values.nameOverride : 'milvus';
  return (release.includes(name) ? release : `${release}-${name}`).slice(0, 63).replace(/-+$/, '');
}

/** The objects the modelled charts create (today: the milvus chart's Service). */
export function applyChartModel(state: ClusterState, release: Release): void {
  if (chartName(release.chart) !== 'milvus') return;
  const name = milvusFullname(release.name, release.values);
  const service = record(release.values.service);
  const type = typeof service.type === 'string' ? service.type : 'ClusterIP';
  const port = typeof service.port === 'number' ? service.port : 19530;
  const existing = findObject(state, 'Service', release.namespace, name);
  const spec = { type, ports: [{ name: 'milvus', port, protocol: 'TCP', targetPort: 'milvus' }, { name: 'metrics', port: 9091, protocol: 'TCP', targetPort: 'metrics' }], selector: { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/name': 'milvus', component: 'proxy' } };
  if (existing) {
    existing.body.spec = { ...record(existing.body.spec), ...spec };
    return;
  }
  putObject(state, {
    apiVersion: 'v1',
    kind: 'Service',
    namespace: release.namespace,
    name,
    body: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: release.namespace, labels: { 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/managed-by': 'Helm' } }, spec },
    origin: { ...release.origin, by: `Helm release ${release.name} (${release.chart})` },
  });
}

/** Parse Helm's `--set` syntax: `a.b=c,list={x,y},arr[0]=z`, `\,` and `\.` escapes. */
export function parseSetValues(text: string, asString: boolean): { entries: Array<{ path: Array<string | number>; value: unknown }>; error: string | null } {
  const entries: Array<{ path: Array<string | number>; value: unknown }> = [];
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  for (const part of parts) {
    const eq = findUnescaped(part, '=');
    if (eq === -1) return { entries, error: `key ${code(part)} has no value` };
    const keyText = part.slice(0, eq);
    if (keyText === '') return { entries, error: `an empty key in ${code(part)}` };
    const path: Array<string | number> = [];
    for (const segment of splitUnescaped(keyText, '.')) {
      const match = /^(.*?)((?:\[\d+\])*)$/.exec(segment)!;
      const name = match[1]!.replace(/\\(.)/g, '$1');
      if (name === '' && match[2] === '') return { entries, error: `an empty key segment in ${code(keyText)}` };
      if (name !== '') path.push(name);
      for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
    }
    const raw = part.slice(eq + 1).replace(/\\(.)/g, '$1');
    let value: unknown = raw;
    if (raw.startsWith('{') && raw.endsWith('}')) value = raw.slice(1, -1) === '' ? [] : raw.slice(1, -1).split(',').map((item) => (asString ? item : typed(item)));
    else if (!asString) value = typed(raw);
    entries.push({ path, value });
  }
  return { entries, error: null };
}

function typed(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?(0|[1-9]\d{0,15})$/.test(raw)) return Number(raw);
  return raw;
}

function findUnescaped(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function splitUnescaped(text: string, char: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      current += text[i]! + text[i + 1]!;
      i++;
    } else if (text[i] === char) {
      parts.push(current);
      current = '';
    } else current += text[i];
  }
  parts.push(current);
  return parts;
}

function setPath(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((key, index) => {
    const last = index === path.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) {
      setOwn(container, String(key), value);
      return;
    }
    const nextIsIndex = typeof path[index + 1] === 'number';
    const existing = ownValue(container, String(key));
    if (!existing || typeof existing !== 'object') setOwn(container, String(key), nextIsIndex ? [] : {});
    node = container[key] as Record<string, unknown>;
  });
}

function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = ownValue(result, key);
    if (current && typeof current === 'object' && !Array.isArray(current) && value && typeof value === 'object' && !Array.isArray(value)) setOwn(result, key, deepMerge(current as Record<string, unknown>, value as Record<string, unknown>));
    else setOwn(result, key, value);
  }
  return result;
}

/** Chart defaults the simulation knows for the milvus chart (values a reset falls back to). */
const MILVUS_DEFAULTS: Record<string, unknown> = { service: { type: 'ClusterIP', port: 19530 } };

function valueAt(values: Record<string, unknown>, path: string): unknown {
  let node: unknown = values;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Dotted paths of every leaf of a values tree. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

async function collectValues(h: Helm): Promise<{ values: Record<string, unknown>; ok: boolean; unknown: boolean }> {
  const { context } = h;
  let values: Record<string, unknown> = {};
  let ok = true;
  let unknown = false;
  for (const use of flagAll(h.parsed, 'values')) {
    const name = String(use.value);
    if (/^https?:\/\//.test(name)) {
      context.report({ rule: 'run/network', severity: 'info', message: `Unexpected values URL ${code(name)}, expected a local file: the runner works offline and does not download it`, word: use.valueWord });
      unknown = true;
      continue;
    }
    const loaded = await loadValues(context, use.valueWord, name);
    if (loaded === 'unknown') unknown = true;
    else if (loaded === null) ok = false;
    else values = deepMerge(values, loaded);
  }
  for (const flag of ['set', 'set-string', 'set-literal', 'set-json', 'set-file']) {
    for (const use of flagAll(h.parsed, flag)) {
      const text = String(use.value);
      if (flag === 'set-literal' || flag === 'set-json' || flag === 'set-file') {
        const eq = text.indexOf('=');
        if (eq <= 0) {
          context.report({ rule: 'run/invalid-set', severity: 'error', message: `Unexpected ${code(text)} for \`--${flag}\`, expected \`<key>=<value>\``, word: use.valueWord });
          ok = false;
          continue;
        }
        let value: unknown = text.slice(eq + 1);
        if (flag === 'set-json') {
          try {
            value = JSON.parse(text.slice(eq + 1));
          } catch (error) {
            context.report({ rule: 'run/invalid-set', severity: 'error', message: `Unexpected ${code(text.slice(eq + 1))} for \`--set-json\`, expected JSON (${(error as Error).message})`, word: use.valueWord });
            ok = false;
            continue;
          }
        }
        if (flag === 'set-file') {
          const input = await readInput(context, use.valueWord, text.slice(eq + 1), 'any', '--set-file');
          if (!input.ok) {
            if (!input.unknown) ok = false;
            continue;
          }
          value = input.text;
        }
        setPath(values, text.slice(0, eq).split('.'), value);
        continue;
      }
      const parsedSet = parseSetValues(text, flag === 'set-string');
      if (parsedSet.error) {
        context.report({ rule: 'run/invalid-set', severity: 'error', message: `Unexpected \`--${flag} ${text}\`: ${parsedSet.error}, expected \`<key>=<value>[,<key>=<value>…]\``, word: use.valueWord });
        ok = false;
        continue;
      }
      for (const entry of parsedSet.entries) setPath(values, entry.path, entry.value);
    }
  }
  return { values, ok, unknown };
}

/**
 * `--generate-name`: helm appends the time to the chart's name; here the first number the guide
 * has not used yet, so that a run gives the same names every time and two installs never share one.
 */
function generatedName(state: Helm['context']['state'], chart: string, namespace: string): string {
  let number = 1;
  while (findRelease(state, `${chart}-${number}`, namespace)) number++;
  return `${chart}-${number}`;
}

async function installOrUpgrade(h: Helm, verb: 'install' | 'upgrade' | 'template'): Promise<CommandOutcome> {
  const { context } = h;
  const state = context.state;
  const generate = verb === 'install' && flagOn(h.parsed, 'generate-name');
  const releaseWord = generate ? null : h.rest[0];
  const chartWord = generate ? h.rest[0] : h.rest[1];
  if ((!releaseWord && !generate) || !chartWord) return usage(context, h.subWord, `\`helm ${verb}\` without ${!releaseWord && !generate ? 'a release name and ' : ''}a chart`, `\`helm ${verb} <release> <chart>\``);
  if (h.rest.length > (generate ? 1 : 2)) return usage(context, h.rest[generate ? 1 : 2]!, `extra argument ${code(h.rest[generate ? 1 : 2]!.value)}`, `only \`<release> <chart>\` (values go after \`--set\` or \`-f\`)`);
  const releaseName = releaseWord?.value ?? generatedName(state, chartName(chartWord.value), h.namespace);
  if (releaseWord && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(releaseName)) return usage(context, releaseWord, `release name ${code(releaseName)}`, 'lower-case letters, digits and `-` (a DNS label)');
  const dryRun = flagString(h.parsed, 'dry-run') !== undefined || verb === 'template';
  const existing = findRelease(state, releaseName, h.namespace);
  const install = verb === 'install' || (verb === 'upgrade' && flagOn(h.parsed, 'install'));
  const guideReleases = state.releases.filter((release) => !release.origin.assumed);
  let assumed = false;
  if (verb === 'upgrade' && !existing && !install) {
    const failure = failedCreation(state, 'Release', h.namespace, releaseName);
    if (failure) {
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified release ${code(releaseName)}: a consequence of the failed command at line ${failure.line} (its error is reported there), which would have installed it`, word: releaseWord! });
      return skipped(`release ${code(releaseName)} was not installed (line ${failure.line} failed)`);
    }
    if (guideReleases.length > 0) {
      context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected \`helm upgrade ${releaseName}\` in namespace ${code(h.namespace)}, expected a release installed earlier (${guideReleases.map((release) => `${code(release.name)} in ${code(release.namespace)}`).join(', ')}) or \`--install\` — helm: "${releaseName}" has no deployed releases`, word: releaseWord! });
      return failed(`release ${code(releaseName)} does not exist`);
    }
    assumed = true;
  }
  if (verb === 'install' && existing && existing.origin.assumed && existing.origin.by.startsWith('prerequisite release')) {
    // The run inferred it (an upgrade in a note, "upgrade an existing release"): the guide's own install wins.
    state.releases = state.releases.filter((release) => release !== existing);
    return installOrUpgrade(h, verb);
  }
  if (verb === 'install' && existing && !flagOn(h.parsed, 'replace')) {
    if (chartName(existing.chart) === chartName(chartWord.value)) {
      // The same release and chart again: usually an alternative ("or, for a standalone Milvus…"); an
      // info when the two sit in different sections or list items, a warning when they follow each other.
      const elsewhere = existing.origin.place !== undefined && existing.origin.place !== context.place;
      context.report({ rule: 'run/already-exists', severity: elsewhere ? 'info' : 'warning', message: `Unexpected second \`helm install ${releaseName}\` (first at line ${existing.origin.line}), expected \`helm uninstall ${releaseName}\` before it, or the two presented as alternatives${elsewhere ? ' (they are under different headings or list items, so likely alternatives)' : ''}: helm refuses to re-use a name that is still in use (simulated as a new install)`, word: releaseWord! });
      state.releases = state.releases.filter((release) => release !== existing);
      return installOrUpgrade(h, verb);
    }
    context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected \`helm install ${releaseName}\`, expected \`helm upgrade\`: the release already exists in namespace ${code(h.namespace)} (line ${existing.origin.line}) — helm: cannot re-use a name that is still in use`, word: releaseWord! });
    return failed('release exists');
  }
  // Namespace.
  if (!hasNamespace(state, h.namespace)) {
    if (assumed) setOwn(state.namespaces, h.namespace, { line: h.context.lineOf(h.subWord), by: `prerequisite release ${releaseName}`, assumed: true });
    else if (install && flagOn(h.parsed, 'create-namespace')) {
      if (!dryRun) putObject(state, { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: h.namespace, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: h.namespace } }, origin: { line: h.context.lineOf(h.subWord), by: `helm ${verb} --create-namespace` } });
    } else if (verb !== 'template') {
      const use = flagValue(h.parsed, 'namespace');
      if (!missingNamespace(context, h.namespace, use?.valueWord ?? h.subWord, ' or `--create-namespace`')) return failed(`namespace ${code(h.namespace)} does not exist`);
    }
  }
  // Chart.
  const chart = chartWord.value;
  if (/^(\.{0,2}\/|[^/]+$)/.test(chart) && !/^(oci|https?):/.test(chart)) {
    if (!(await context.sandbox.exists(chart))) {
      const resolved = context.sandbox.resolve(chart);
      if (!resolved.ok) {
        context.report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified chart ${code(chart)}: ${resolved.reason} is outside the guide's working folder, which the runner never reads`, word: chartWord });
        return skipped('chart outside the working folder: not run');
      }
      const parts = resolved.path.split('/');
      const unknownParent = parts.map((_, index) => context.sandbox.files.get(parts.slice(0, index + 1).join('/'))).find((entry) => entry?.origin === 'unknown');
      const maker = unknownParent ? `${unknownParent.by} (line ${unknownParent.line})` : (context.mayHaveMade(resolved.path) ?? (context.linked(resolved.path) ? `the link in the text (${context.linked(resolved.path)})` : null));
      if (!maker) {
        context.report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected chart ${code(chart)}, expected \`<repo>/<chart>\` of a repository added with \`helm repo add\`, or a chart folder an earlier step creates`, word: chartWord });
        return failed('chart not found');
      }
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified chart ${code(chart)}: expected a chart folder or archive; it may come from ${maker}, which the runner does not have`, word: chartWord });
    }
  } else if (/^(oci|https?):\/\//.test(chart)) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified chart ${code(chart)}: expected a chart from the network, which the runner does not fetch`, word: chartWord });
  } else {
    const repoName = chart.split('/')[0]!;
    if (!Object.hasOwn(state.repos, repoName)) {
      const previous = existing && existing.chart === chart;
      if (assumed || previous) {
        // The repository comes with the prerequisite release.
      } else if (Object.keys(state.repos).length === 0) {
        context.report({ rule: 'run/assumed-repo', severity: 'info', message: `Unexpected chart repository ${code(repoName)} that no step adds, expected it from the guide's prerequisites: the run assumes \`helm repo add ${repoName} <url>\` was done`, word: chartWord });
        context.prerequisites.assumed.push(`Helm repository ${repoName} (inferred from ${chart})`);
        setOwn(state.repos, repoName, '(assumed)');
      } else {
        context.report({ rule: 'run/unknown-repo', severity: 'error', message: `Unexpected chart repository ${code(repoName)}, expected one added earlier with \`helm repo add ${repoName} <url>\` (${Object.keys(state.repos).length > 0 ? `added: ${Object.keys(state.repos).map(code).join(', ')}` : 'none was added'}) — helm: repo ${repoName} not found`, word: chartWord });
        return failed(`repository ${code(repoName)} unknown`);
      }
    }
  }
  const collected = await collectValues(h);
  if (!collected.ok) return failed(`helm ${verb}: values rejected`);
  const reuse = flagOn(h.parsed, 'reuse-values') || flagOn(h.parsed, 'reset-then-reuse-values');
  const givenValues = flagAll(h.parsed, 'values').length + ['set', 'set-string', 'set-literal', 'set-json', 'set-file'].reduce((sum, flag) => sum + flagAll(h.parsed, flag).length, 0) > 0;
  let values = collected.values;
  if (existing && verb === 'upgrade') {
    if (reuse || (!givenValues && !flagOn(h.parsed, 'reset-values'))) values = deepMerge(existing.values, values);
    else if (existing.lastSetLine !== null) {
      const defaults = existing.modeled ? MILVUS_DEFAULTS : {};
      const lost = existing.setPaths.filter((path) => !leafPaths(values).includes(path) && String(valueAt(existing.values, path)) !== String(valueAt(defaults, path)));
      if (lost.length > 0) {
        context.report({
          rule: 'run/values-reset',
          severity: 'info',
          message: `Unexpected reset of ${lost.map(code).join(', ')} (set by the upgrade at line ${existing.lastSetLine}), expected \`--reuse-values\` or the values repeated: \`helm upgrade\` with new values starts again from the chart's defaults`,
          word: h.subWord,
        });
      }
    }
  }
  if (verb === 'template') return simulated(`chart ${chart} not rendered offline; values checked`, '', { type: 'unknown', reason: 'the rendered chart depends on the chart’s templates' });
  const origin: Origin = assumed ? { line: h.context.lineOf(h.subWord), by: `prerequisite release ${releaseName} (assumed by helm upgrade)`, assumed: true, place: context.place } : { line: h.context.lineOf(h.subWord), by: `helm ${verb} ${releaseName}`, place: context.place };
  if (assumed) {
    context.report({
      rule: 'run/assumed-release',
      severity: 'info',
      message: `Unexpected \`helm upgrade\` of release ${code(releaseName)} that no step installs, expected it from the guide's prerequisites: the run assumes ${code(releaseName)} (${chart}) is deployed in namespace ${code(h.namespace)}`,
      word: releaseWord!,
    });
    context.prerequisites.assumed.push(`Helm release ${releaseName} (${chart}) in namespace ${h.namespace} (inferred from helm upgrade)`);
  }
  if (dryRun) return simulated(`dry run of helm ${verb} ${releaseName}`, '', { type: 'unknown', reason: 'dry-run output renders the chart' });
  const release: Release = existing ?? { name: releaseName, namespace: h.namespace, chart, values: {}, setPaths: [], lastSetLine: null, revision: 0, origin, modeled: chartName(chart) === 'milvus' };
  if (!existing) state.releases.push(release);
  if (assumed) {
    // The prerequisite release existed before the guide started: its own creation is revision 1.
    release.revision = 1;
    applyChartModel(state, release);
  }
  release.values = values;
  release.setPaths = leafPaths(collected.values);
  release.lastSetLine = release.setPaths.length > 0 ? h.context.lineOf(h.subWord) : release.lastSetLine;
  release.chart = chart;
  release.revision += 1;
  if (!assumed && existing) release.origin = { line: h.context.lineOf(h.subWord), by: `helm upgrade ${releaseName}`, place: context.place };
  applyChartModel(state, release);
  const action = verb === 'install' || !existing && !assumed ? 'installed' : 'upgraded';
  const output = [`${verb === 'upgrade' && action === 'upgraded' ? `Release "${releaseName}" has been upgraded. Happy Helming!\n` : ''}NAME: ${releaseName}`, 'LAST DEPLOYED: (simulated)', `NAMESPACE: ${h.namespace}`, 'STATUS: deployed', `REVISION: ${release.revision}`].join('\n');
  return simulated(`release ${releaseName} ${action} (revision ${release.revision})${release.modeled ? '' : '; the chart’s objects are not simulated'}`, output, { type: 'text', text: output });
}

async function uninstall(h: Helm): Promise<CommandOutcome> {
  const { context } = h;
  if (h.rest.length === 0) return usage(context, h.subWord, '`helm uninstall` without a release', 'the release name');
  const lines: string[] = [];
  for (const word of h.rest) {
    const release = findRelease(context.state, word.value, h.namespace);
    const failure = release ? undefined : failedCreation(context.state, 'Release', h.namespace, word.value);
    if (failure) {
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified release ${code(word.value)}: a consequence of the failed command at line ${failure.line} (its error is reported there), which would have installed it`, word });
      continue;
    }
    if (!release) {
      if (context.state.releases.some((other) => !other.origin.assumed)) {
        context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected release ${code(word.value)} in namespace ${code(h.namespace)}, expected a release installed earlier — helm: release: not found`, word });
        return failed('release not found');
      }
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified release ${code(word.value)}: expected it from the guide's prerequisites`, word });
      continue;
    }
    context.state.releases = context.state.releases.filter((other) => other !== release);
    if (release.modeled) context.state.objects = context.state.objects.filter((object) => !(object.namespace === release.namespace && String(record(record(object.body.metadata).labels)['app.kubernetes.io/instance']) === release.name));
    lines.push(`release "${word.value}" uninstalled`);
  }
  return simulated(`${lines.length} release(s) uninstalled`, lines.join('\n'));
}

async function listReleases(h: Helm): Promise<CommandOutcome> {
  const all = flagOn(h.parsed, 'all-namespaces');
  const releases = h.context.state.releases.filter((release) => all || release.namespace === h.namespace);
  const text = ['NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION', ...releases.map((release) => `${release.name}\t${release.namespace}\t${release.revision}\t(simulated)\tdeployed\t${chartName(release.chart)}\t`)].join('\n');
  return simulated(`${releases.length} release(s) listed`, text, { type: 'unknown', reason: 'chart versions are live' });
}

async function releaseQuery(h: Helm): Promise<CommandOutcome> {
  const { context } = h;
  const words = h.sub === 'get' ? h.rest.slice(1) : h.rest;
  if (h.sub === 'get' && !['values', 'manifest', 'all', 'notes', 'hooks', 'metadata'].includes(h.rest[0]?.value ?? '')) return usage(context, h.rest[0] ?? h.subWord, `\`helm get ${h.rest[0]?.value ?? ''}\``, 'values, manifest, all, notes, hooks or metadata');
  const word = words[0];
  if (!word) return usage(context, h.subWord, `\`helm ${h.sub}\` without a release`, 'the release name');
  const release = findRelease(context.state, word.value, h.namespace);
  const failure = release ? undefined : failedCreation(context.state, 'Release', h.namespace, word.value);
  if (failure) {
    context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified release ${code(word.value)}: a consequence of the failed command at line ${failure.line} (its error is reported there), which would have installed it`, word });
    return skipped(`release ${code(word.value)} was not installed (line ${failure.line} failed)`, { type: 'unknown', reason: 'the release was not installed' });
  }
  if (!release) {
    context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected release ${code(word.value)} in namespace ${code(h.namespace)}, expected a release installed earlier (${context.state.releases.map((other) => `${code(other.name)} in ${code(other.namespace)}`).join(', ') || 'none'})`, word });
    return failed('release not found');
  }
  if (h.sub === 'get' && h.rest[0]!.value === 'values') {
    const { stringify } = await import('yaml');
    const text = `USER-SUPPLIED VALUES:\n${stringify(release.values)}`;
    return simulated(`values of ${release.name}`, text, { type: 'data', data: release.values, text });
  }
  return simulated(`\`helm ${h.sub} ${release.name}\`: simulated`, `NAME: ${release.name}\nNAMESPACE: ${release.namespace}\nSTATUS: deployed\nREVISION: ${release.revision}`, { type: 'unknown', reason: 'release details are live' });
}
