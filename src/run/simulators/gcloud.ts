/**
 * A gcloud for the basics guides use: `config set/get-value/list`, `auth login` (interactive:
 * skipped), `services enable`, `container clusters create/get-credentials/delete`, `compute
 * addresses create/describe`, `compute ssl-certificates create` (certificate and key files read
 * and checked), `compute firewall-rules create`, `iam service-accounts create`, `storage buckets
 * create`. Locations come from `--zone/--region` or `gcloud config set compute/zone|region`.
 */
import { describePem, keyMatches, readPem } from '../pem.ts';
import type { RunWord } from '../shell.ts';
import { flagString, flagValue, parseArgs, type FlagSpec, type ParsedArgs } from './args.ts';
import { nextSerial } from './cluster.ts';
import { code, failed, simulated, skipped, type CommandOutcome, type SimContext } from './context.ts';
import { readInput } from './files.ts';
import { lookupTable, ownValue, setOwn } from '../../core/content-keys.ts';

const GLOBAL: FlagSpec[] = [
  { name: 'project', value: true },
  { name: 'account', value: true },
  { name: 'configuration', value: true },
  { name: 'format', value: true },
  { name: 'verbosity', value: true },
  { name: 'quiet', aliases: ['q'], value: false },
  { name: 'impersonate-service-account', value: true },
  { name: 'log-http', value: false },
  { name: 'user-output-enabled', value: 'optional' },
];
const ZONE: FlagSpec[] = [
  { name: 'zone', value: true },
  { name: 'region', value: true },
];

interface Command {
  flags: FlagSpec[];
  run(g: Gcloud): Promise<CommandOutcome>;
}

interface Gcloud {
  context: SimContext;
  parsed: ParsedArgs;
  /** Words after the command group path. */
  rest: RunWord[];
  path: RunWord[];
}

const COMMANDS = lookupTable<Command>({
  'config set': { flags: [{ name: 'installation', value: false }], run: configSet },
  'config get-value': { flags: [], run: configGet },
  'config list': { flags: [{ name: 'all', value: false }], run: async () => simulated('gcloud config list: simulated', '', { type: 'unknown', reason: 'configuration is the reader’s' }) },
  'auth login': { flags: [{ name: 'no-launch-browser', value: false }, { name: 'cred-file', value: true }, { name: 'update-adc', value: false }], run: interactive },
  'auth application-default login': { flags: [{ name: 'no-launch-browser', value: false }], run: interactive },
  init: { flags: [{ name: 'console-only', value: false }, { name: 'skip-diagnostics', value: false }], run: interactive },
  'services enable': { flags: [{ name: 'async', value: false }], run: servicesEnable },
  'container clusters create': {
    flags: [
      ...ZONE,
      { name: 'num-nodes', value: true },
      { name: 'machine-type', value: true },
      { name: 'cluster-version', value: true },
      { name: 'release-channel', value: true },
      { name: 'enable-ip-alias', value: false },
      { name: 'network', value: true },
      { name: 'subnetwork', value: true },
      { name: 'workload-pool', value: true },
      { name: 'enable-autoscaling', value: false },
      { name: 'min-nodes', value: true },
      { name: 'max-nodes', value: true },
      { name: 'disk-size', value: true },
      { name: 'disk-type', value: true },
      { name: 'image-type', value: true },
      { name: 'node-locations', value: true },
      { name: 'addons', value: true },
      { name: 'scopes', value: true },
      { name: 'enable-autorepair', value: false },
      { name: 'enable-autoupgrade', value: false },
      { name: 'no-enable-autoupgrade', value: false },
      { name: 'no-enable-autorepair', value: false },
      { name: 'no-enable-basic-auth', value: false },
      { name: 'no-enable-master-authorized-networks', value: false },
      { name: 'no-enable-cloud-logging', value: false },
      { name: 'no-enable-cloud-monitoring', value: false },
      { name: 'metadata', value: true },
      { name: 'max-pods-per-node', value: true },
      { name: 'default-max-pods-per-node', value: true },
      { name: 'labels', value: true },
      { name: 'tags', value: true },
      { name: 'service-account', value: true },
      { name: 'async', value: false },
      { name: 'logging', value: true },
      { name: 'monitoring', value: true },
      { name: 'enable-shielded-nodes', value: false },
      { name: 'security-group', value: true },
      { name: 'accelerator', value: true },
    ],
    run: clusterCreate,
  },
  'container clusters get-credentials': { flags: [...ZONE, { name: 'internal-ip', value: false }], run: getCredentials },
  'container clusters delete': { flags: [...ZONE, { name: 'async', value: false }], run: clusterDelete },
  'container clusters list': { flags: [...ZONE, { name: 'filter', value: true }], run: async () => simulated('gcloud container clusters list: simulated', '', { type: 'unknown', reason: 'clusters are live' }) },
  'compute addresses create': { flags: [{ name: 'global', value: false }, { name: 'region', value: true }, { name: 'ip-version', value: true }, { name: 'network-tier', value: true }, { name: 'addresses', value: true }, { name: 'subnet', value: true }, { name: 'purpose', value: true }, { name: 'description', value: true }], run: (g) => resourceCreate(g, 'address') },
  'compute addresses describe': { flags: [{ name: 'global', value: false }, { name: 'region', value: true }], run: (g) => resourceDescribe(g, 'address') },
  'compute ssl-certificates create': { flags: [{ name: 'certificate', value: true }, { name: 'private-key', value: true }, { name: 'domains', value: true }, { name: 'global', value: false }, { name: 'region', value: true }, { name: 'description', value: true }], run: sslCertificateCreate },
  'compute firewall-rules create': {
    flags: [{ name: 'allow', value: true }, { name: 'rules', value: true }, { name: 'action', value: true }, { name: 'network', value: true }, { name: 'source-ranges', value: true }, { name: 'target-tags', value: true }, { name: 'source-tags', value: true }, { name: 'direction', value: true }, { name: 'priority', value: true }, { name: 'description', value: true }, { name: 'destination-ranges', value: true }],
    run: firewallCreate,
  },
  'iam service-accounts create': { flags: [{ name: 'display-name', value: true }, { name: 'description', value: true }], run: (g) => resourceCreate(g, 'service-account') },
  'storage buckets create': { flags: [{ name: 'location', aliases: ['l'], value: true }, { name: 'uniform-bucket-level-access', value: false }, { name: 'default-storage-class', value: true }], run: bucketCreate },
});

/** Top-level groups of the real gcloud, for telling "not simulated" from "does not exist". */
const REAL_GROUPS = ['access-context-manager', 'ai', 'ai-platform', 'alloydb', 'anthos', 'api-gateway', 'app', 'artifacts', 'auth', 'batch', 'beta', 'alpha', 'bigtable', 'billing', 'builds', 'certificate-manager', 'cloud-shell', 'components', 'composer', 'compute', 'config', 'container', 'dataflow', 'dataproc', 'deploy', 'dns', 'domains', 'filestore', 'functions', 'iam', 'iap', 'info', 'init', 'kms', 'logging', 'memcache', 'monitoring', 'network-management', 'organizations', 'projects', 'pubsub', 'redis', 'resource-manager', 'run', 'scheduler', 'secrets', 'services', 'source', 'spanner', 'sql', 'storage', 'tasks', 'topic', 'version', 'workflows'];

export async function gcloud(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const args = words.slice(1);
  const allFlags = [...GLOBAL, ...Object.values(COMMANDS).flatMap((command) => command.flags)].filter((spec, index, all) => all.findIndex((other) => other.name === spec.name) === index);
  const probe = parseArgs(args, allFlags, 'gcloud');
  const positionals = probe.positionals;
  if (positionals.length === 0) return usage(context, words[0]!, '`gcloud` without a command', 'a command group such as `container clusters create`');
  let match: string | null = null;
  let length = 0;
  for (let n = Math.min(4, positionals.length); n >= 1; n--) {
    const key = positionals.slice(0, n).map((word) => word.value).join(' ');
    if (COMMANDS[key]) {
      match = key;
      length = n;
      break;
    }
  }
  if (!match) {
    const group = positionals[0]!;
    if (!REAL_GROUPS.includes(group.value)) {
      context.report({ rule: 'run/unknown-command', severity: 'error', message: `Unexpected gcloud command group ${code(group.value)}, expected one of gcloud's groups (config, container, compute, iam, services, storage, …)`, word: group });
      return failed(`gcloud has no group ${code(group.value)}`);
    }
    const shown = positionals.slice(0, 3).map((word) => word.value).join(' ');
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`gcloud ${shown}\`, expected a gcloud command the runner simulates (${Object.keys(COMMANDS).slice(0, 6).join(', ')}, …)`, word: group });
    return skipped(`\`gcloud ${shown}\` is not simulated`);
  }
  const path = positionals.slice(0, length);
  const command = COMMANDS[match]!;
  const parsed = parseArgs(args.filter((word) => !path.includes(word)), [...GLOBAL, ...command.flags], `gcloud ${match}`);
  if (parsed.problems.length > 0) {
    for (const problem of parsed.problems) context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected ${problem.found}, expected ${problem.expected}`, word: problem.word });
    return failed(`gcloud ${match}: unknown or incomplete flags`);
  }
  const project = flagString(parsed, 'project');
  if (project && !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(project)) return usage(context, flagValue(parsed, 'project')!.valueWord, `project id ${code(project)}`, '6–30 lower-case letters, digits or `-`, starting with a letter');
  return command.run({ context, parsed, rest: parsed.positionals, path });
}

function usage(context: SimContext, word: RunWord, found: string, expected: string): CommandOutcome {
  context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${found}, expected ${expected}`, word });
  return failed(found);
}

const PROPERTIES = ['project', 'account', 'compute/zone', 'compute/region', 'core/project', 'core/account', 'container/cluster', 'run/region', 'disable_prompts', 'core/disable_prompts'];

async function configSet(g: Gcloud): Promise<CommandOutcome> {
  const [key, value] = g.rest;
  if (!key || !value) return usage(g.context, g.path.at(-1)!, '`gcloud config set` without a property and value', '`gcloud config set <property> <value>`');
  if (!PROPERTIES.includes(key.value)) {
    g.context.report({ rule: 'run/unknown-flag', severity: 'info', message: `Unexpected property ${code(key.value)}, expected one the runner knows (${PROPERTIES.slice(0, 5).join(', ')}, …)`, word: key });
  }
  setOwn(g.context.state.gcloud.properties, key.value.replace(/^core\//, ''), value.value);
  return simulated(`property ${key.value} set`, `Updated property [${key.value}].`);
}

async function configGet(g: Gcloud): Promise<CommandOutcome> {
  const key = g.rest[0];
  if (!key) return usage(g.context, g.path.at(-1)!, '`gcloud config get-value` without a property', 'a property name');
  const value = ownValue(g.context.state.gcloud.properties, key.value.replace(/^core\//, ''));
  return value === undefined ? simulated(`property ${key.value} is not set in the run`, '(unset)', { type: 'unknown', reason: 'the property is the reader’s' }) : simulated(`property ${key.value}`, value, { type: 'text', text: value });
}

async function interactive(g: Gcloud): Promise<CommandOutcome> {
  const shown = g.path.map((word) => word.value).join(' ');
  g.context.report({ rule: 'run/interactive', severity: 'info', message: `Unverified \`gcloud ${shown}\`: it asks the reader to sign in, expected by the runner only as a step to skip`, word: g.path[0]! });
  return skipped(`\`gcloud ${shown}\` is interactive`);
}

async function servicesEnable(g: Gcloud): Promise<CommandOutcome> {
  if (g.rest.length === 0) return usage(g.context, g.path.at(-1)!, '`gcloud services enable` without a service', 'a service such as `container.googleapis.com`');
  for (const word of g.rest) {
    if (!/^[a-z0-9-]+\.googleapis\.com$/.test(word.value)) return usage(g.context, word, `service ${code(word.value)}`, '`<name>.googleapis.com`');
  }
  return simulated(`${g.rest.length} service(s) enabled`, 'Operation finished successfully. (simulated)');
}

function location(g: Gcloud): { zone: string | null; region: string | null } {
  const properties = g.context.state.gcloud.properties;
  return { zone: flagString(g.parsed, 'zone') ?? properties['compute/zone'] ?? null, region: flagString(g.parsed, 'region') ?? properties['compute/region'] ?? null };
}

function needProject(g: Gcloud): boolean {
  // The project may come from the reader's own configuration (`gcloud init`): not an error.
  return flagString(g.parsed, 'project') !== undefined || g.context.state.gcloud.properties.project !== undefined;
}

async function clusterCreate(g: Gcloud): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, '`gcloud container clusters create` without a name', 'the cluster name');
  if (!/^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name.value)) return usage(g.context, name, `cluster name ${code(name.value)}`, 'up to 40 lower-case letters, digits or `-`, starting with a letter');
  const where = location(g);
  if (!where.zone && !where.region) return usage(g.context, name, 'no location for the cluster', '`--zone`, `--region`, or `gcloud config set compute/zone <zone>` earlier');
  const nodes = flagString(g.parsed, 'num-nodes');
  if (nodes !== undefined && !/^\d+$/.test(nodes)) return usage(g.context, flagValue(g.parsed, 'num-nodes')!.valueWord, `--num-nodes ${code(nodes)}`, 'a whole number');
  const resources = g.context.state.gcloud.resources;
  if (resources.some((resource) => resource.type === 'cluster' && resource.name === name.value)) {
    g.context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected second \`clusters create ${name.value}\`, expected a new name: the cluster already exists`, word: name });
    return failed('cluster exists');
  }
  resources.push({ type: 'cluster', name: name.value, origin: { line: g.context.lineOf(name), by: 'gcloud container clusters create' } });
  return simulated(`cluster ${name.value} created in ${where.zone ?? where.region}${needProject(g) ? '' : ' (project from the reader’s configuration)'}`, `Created [${name.value}]. (simulated)`, { type: 'unknown', reason: 'cluster details are live' });
}

async function getCredentials(g: Gcloud): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, '`gcloud container clusters get-credentials` without a name', 'the cluster name');
  const where = location(g);
  if (!where.zone && !where.region) return usage(g.context, name, 'no location for the cluster', '`--zone`, `--region`, or `gcloud config set compute/zone <zone>` earlier');
  const created = g.context.state.gcloud.resources.filter((resource) => resource.type === 'cluster');
  if (created.length > 0 && !created.some((resource) => resource.name === name.value)) {
    g.context.report({ rule: 'run/unknown-reference', severity: 'error', message: `Unexpected cluster ${code(name.value)}, expected a cluster created earlier (${created.map((resource) => code(resource.name)).join(', ')})`, word: name });
    return failed('unknown cluster');
  }
  if (created.length === 0) g.context.prerequisites.assumed.push(`GKE cluster ${name.value} (inferred from get-credentials)`);
  return simulated(`kubeconfig entry for ${name.value}`, `Fetching cluster endpoint and auth data.\nkubeconfig entry generated for ${name.value}. (simulated)`);
}

async function clusterDelete(g: Gcloud): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, '`gcloud container clusters delete` without a name', 'the cluster name');
  const resources = g.context.state.gcloud.resources;
  g.context.state.gcloud.resources = resources.filter((resource) => !(resource.type === 'cluster' && resource.name === name.value));
  return simulated(`cluster ${name.value} deleted`, `Deleted [${name.value}]. (simulated)`);
}

async function resourceCreate(g: Gcloud, type: string): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, `\`gcloud ${g.path.map((word) => word.value).join(' ')}\` without a name`, 'a name');
  if (type === 'address' && !flagValue(g.parsed, 'global') && !location(g).region) return usage(g.context, name, 'an address without `--global` or `--region`', '`--global` (for an external HTTP(S) load balancer) or `--region`');
  const resources = g.context.state.gcloud.resources;
  if (resources.some((resource) => resource.type === type && resource.name === name.value)) {
    g.context.report({ rule: 'run/already-exists', severity: 'error', message: `Unexpected second creation of ${type} ${code(name.value)}, expected a new name`, word: name });
    return failed(`${type} exists`);
  }
  resources.push({ type, name: name.value, origin: { line: g.context.lineOf(name), by: `gcloud ${g.path.map((word) => word.value).join(' ')}` } });
  return simulated(`${type} ${name.value} created`, `Created [${name.value}]. (simulated)`);
}

async function resourceDescribe(g: Gcloud, type: string): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, `\`gcloud ${g.path.map((word) => word.value).join(' ')}\` without a name`, 'a name');
  const found = g.context.state.gcloud.resources.find((resource) => resource.type === type && resource.name === name.value);
  if (!found) {
    g.context.report({ rule: 'run/not-found', severity: 'error', message: `Unexpected ${type} ${code(name.value)}, expected one created earlier`, word: name });
    return failed(`${type} not found`);
  }
  const text = `address: 203.0.113.${nextSerial(g.context.state) % 250}\nname: ${name.value}`;
  return simulated(`${type} ${name.value} described`, text, { type: 'unknown', reason: 'addresses are assigned live' });
}

async function sslCertificateCreate(g: Gcloud): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, '`gcloud compute ssl-certificates create` without a name', 'the certificate name');
  const certificate = flagValue(g.parsed, 'certificate');
  const key = flagValue(g.parsed, 'private-key');
  const domains = flagValue(g.parsed, 'domains');
  if (!domains && (!certificate || !key)) return usage(g.context, name, 'neither `--domains` nor both `--certificate` and `--private-key`', '`--domains` (Google-managed) or `--certificate <file> --private-key <file>` (self-managed)');
  if (certificate && key) {
    const certInput = await readInput(g.context, certificate.valueWord, String(certificate.value), 'certificate', '--certificate');
    const keyInput = await readInput(g.context, key.valueWord, String(key.value), 'private-key', '--private-key');
    if (!certInput.ok || !keyInput.ok) return (!certInput.ok && !certInput.unknown) || (!keyInput.ok && !keyInput.unknown) ? failed('certificate files missing') : skipped('certificate files unknown');
    const cert = readPem(certInput.bytes);
    const pk = readPem(keyInput.bytes);
    if (cert.certificates.length === 0 || !pk.privateKey) {
      g.context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${cert.certificates.length === 0 ? describePem(cert) : describePem(pk)}, expected a PEM ${cert.certificates.length === 0 ? 'certificate' : 'private key'}`, word: cert.certificates.length === 0 ? certificate.valueWord : key.valueWord });
      return failed('invalid certificate material');
    }
    if (!keyMatches(cert.certificates[0]!, pk.privateKey)) {
      g.context.report({ rule: 'run/invalid-certificate', severity: 'error', message: 'Unexpected private key that does not match the certificate, expected the key the certificate was issued for', word: key.valueWord });
      return failed('key does not match');
    }
  }
  g.context.state.gcloud.resources.push({ type: 'ssl-certificate', name: name.value, origin: { line: g.context.lineOf(name), by: 'gcloud compute ssl-certificates create' } });
  return simulated(`SSL certificate ${name.value} created`, `Created [${name.value}]. (simulated)`);
}

async function firewallCreate(g: Gcloud): Promise<CommandOutcome> {
  const name = g.rest[0];
  if (!name) return usage(g.context, g.path.at(-1)!, '`gcloud compute firewall-rules create` without a name', 'the rule name');
  const allow = flagValue(g.parsed, 'allow') ?? flagValue(g.parsed, 'rules');
  if (!allow) return usage(g.context, name, 'a firewall rule without `--allow` or `--rules`', '`--allow tcp:<port>[,…]`');
  for (const part of String(allow.value).split(',')) {
    if (!/^(all|tcp|udp|icmp|esp|ah|sctp|ipip|\d+)(:\d+(-\d+)?)?$/.test(part)) return usage(g.context, allow.valueWord, `rule ${code(part)}`, '`<protocol>[:<port>[-<port>]]`, e.g. `tcp:19530`');
  }
  return resourceCreate(g, 'firewall-rule');
}

async function bucketCreate(g: Gcloud): Promise<CommandOutcome> {
  const target = g.rest[0];
  if (!target || !/^gs:\/\/[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]\/?$/.test(target.value)) return usage(g.context, target ?? g.path.at(-1)!, target ? `bucket ${code(target.value)}` : '`gcloud storage buckets create` without a bucket', '`gs://<bucket>`');
  return simulated(`bucket ${target.value} created`, `Creating ${target.value}... (simulated)`);
}
