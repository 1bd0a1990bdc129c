/**
 * An AWS CLI for what guides do around a cluster: ACM certificates (`import-certificate` with
 * `fileb://` blobs, checked as PEM certificate, chain and matching key; `list-certificates`,
 * `describe-certificate`, `delete-certificate`, `request-certificate`), `eks update-kubeconfig`,
 * `sts get-caller-identity`, `s3 mb/ls`, `iam create-policy` (policy document read and parsed),
 * `configure` (interactive: skipped). Simulated ARNs use the documentation account 123456789012.
 */
import { describePem, keyMatches, readPem } from '../pem.ts';
import type { RunWord } from '../shell.ts';
import { flagString, flagValue, parseArgs, type FlagSpec, type FlagUse, type ParsedArgs } from './args.ts';
import { nextSerial } from './cluster.ts';
import { code, failed, simulated, skipped, type CommandOutcome, type SimContext } from './context.ts';
import { readInput, type InputPurpose } from './files.ts';
import { lookupTable } from '../../core/content-keys.ts';

const GLOBAL: FlagSpec[] = [
  { name: 'region', value: true },
  { name: 'profile', value: true },
  { name: 'output', value: true },
  { name: 'query', value: true },
  { name: 'endpoint-url', value: true },
  { name: 'no-cli-pager', value: false },
  { name: 'no-verify-ssl', value: false },
  { name: 'no-paginate', value: false },
  { name: 'debug', value: false },
  { name: 'color', value: true },
  { name: 'cli-binary-format', value: true },
  { name: 'cli-read-timeout', value: true },
  { name: 'cli-connect-timeout', value: true },
];

interface Operation {
  flags: FlagSpec[];
  required?: string[];
  run(op: Op): Promise<CommandOutcome>;
}

interface Op {
  context: SimContext;
  parsed: ParsedArgs;
  service: RunWord;
  operation: RunWord;
  region: string;
}

const ACCOUNT = '123456789012';

const SERVICES = lookupTable<Record<string, Operation>>({
  acm: {
    'import-certificate': {
      flags: [{ name: 'certificate', value: true }, { name: 'private-key', value: true }, { name: 'certificate-chain', value: true }, { name: 'certificate-arn', value: true }, { name: 'tags', value: true }],
      required: ['certificate', 'private-key'],
      run: importCertificate,
    },
    'list-certificates': { flags: [{ name: 'certificate-statuses', value: true }, { name: 'max-items', value: true }, { name: 'includes', value: true }], run: listCertificates },
    'describe-certificate': { flags: [{ name: 'certificate-arn', value: true }], required: ['certificate-arn'], run: (op) => certificateByArn(op, 'describe') },
    'delete-certificate': { flags: [{ name: 'certificate-arn', value: true }], required: ['certificate-arn'], run: (op) => certificateByArn(op, 'delete') },
    'request-certificate': {
      flags: [{ name: 'domain-name', value: true }, { name: 'validation-method', value: true }, { name: 'subject-alternative-names', value: true }, { name: 'idempotency-token', value: true }, { name: 'key-algorithm', value: true }, { name: 'tags', value: true }],
      required: ['domain-name'],
      run: requestCertificate,
    },
  },
  eks: {
    'update-kubeconfig': { flags: [{ name: 'name', value: true }, { name: 'alias', value: true }, { name: 'role-arn', value: true }, { name: 'kubeconfig', value: true }, { name: 'dry-run', value: false }, { name: 'verbose', value: false }, { name: 'user-alias', value: true }], required: ['name'], run: updateKubeconfig },
    'describe-cluster': { flags: [{ name: 'name', value: true }], required: ['name'], run: async (op) => simulated(`eks describe-cluster ${flagString(op.parsed, 'name')}: simulated`, '', { type: 'unknown', reason: 'cluster details are live' }) },
    'list-clusters': { flags: [], run: async () => simulated('eks list-clusters: simulated', '', { type: 'unknown', reason: 'clusters are live' }) },
  },
  sts: {
    'get-caller-identity': { flags: [], run: async () => simulated('sts get-caller-identity: simulated', JSON.stringify({ UserId: 'AIDASIMULATED', Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/reader` }, null, 4), { type: 'unknown', reason: 'the identity is the reader’s' }) },
  },
  s3: {
    mb: { flags: [], run: s3MakeBucket },
    ls: { flags: [{ name: 'recursive', value: false }, { name: 'human-readable', value: false }, { name: 'summarize', value: false }], run: async () => simulated('s3 ls: simulated', '', { type: 'unknown', reason: 'bucket contents are live' }) },
  },
  iam: {
    'create-policy': { flags: [{ name: 'policy-name', value: true }, { name: 'policy-document', value: true }, { name: 'description', value: true }, { name: 'path', value: true }, { name: 'tags', value: true }], required: ['policy-name', 'policy-document'], run: createPolicy },
  },
});

const INTERACTIVE = ['configure'];

export async function aws(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const args = words.slice(1);
  const probe = parseArgs(args, [...GLOBAL, ...Object.values(SERVICES).flatMap((ops) => Object.values(ops).flatMap((op) => op.flags)).filter((spec, index, all) => all.findIndex((other) => other.name === spec.name) === index)], 'aws');
  const [service, operation] = probe.positionals;
  if (!service) return usage(context, words[0]!, '`aws` without a service', 'a service and operation, e.g. `aws acm import-certificate`');
  if (INTERACTIVE.includes(service.value)) {
    context.report({ rule: 'run/interactive', severity: 'info', message: `Unverified \`aws ${service.value}\`: it asks the reader for credentials, expected by the runner only as a step to skip`, word: service });
    return skipped(`\`aws ${service.value}\` is interactive`);
  }
  const operations = SERVICES[service.value];
  if (!operations) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`aws ${service.value}\`, expected an AWS service the runner simulates (${Object.keys(SERVICES).join(', ')})`, word: service });
    return skipped(`\`aws ${service.value}\` is not simulated`);
  }
  if (!operation) return usage(context, service, `\`aws ${service.value}\` without an operation`, `one of ${Object.keys(operations).join(', ')}`);
  const spec = Object.hasOwn(operations, operation.value) ? operations[operation.value] : undefined;
  if (!spec) {
    context.report({ rule: 'run/unsupported-command', severity: 'info', message: `Unexpected \`aws ${service.value} ${operation.value}\`, expected an operation the runner simulates (${Object.keys(operations).join(', ')})`, word: operation });
    return skipped(`\`aws ${service.value} ${operation.value}\` is not simulated`);
  }
  const parsed = parseArgs(args.filter((word) => word !== service && word !== operation), [...GLOBAL, ...spec.flags], `aws ${service.value} ${operation.value}`);
  if (parsed.problems.length > 0) {
    for (const problem of parsed.problems) context.report({ rule: 'run/unknown-flag', severity: 'error', message: `Unexpected ${problem.found}, expected ${problem.expected}`, word: problem.word });
    return failed(`aws ${service.value} ${operation.value}: unknown or incomplete flags`);
  }
  for (const required of spec.required ?? []) {
    if (!flagValue(parsed, required)) return usage(context, operation, `\`aws ${service.value} ${operation.value}\` without \`--${required}\``, `\`--${required}\` (required)`);
  }
  const region = flagString(parsed, 'region') ?? context.env.AWS_REGION ?? context.env.AWS_DEFAULT_REGION ?? context.state.aws.region ?? 'us-east-1';
  return spec.run({ context, parsed, service, operation, region });
}

function usage(context: SimContext, word: RunWord, found: string, expected: string): CommandOutcome {
  context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected ${found}, expected ${expected}`, word });
  return failed(found);
}

/**
 * A blob parameter (`--certificate fileb://cert.pem`): AWS CLI v2 reads `fileb://` as raw bytes;
 * `file://` is read as text and, for blobs, decoded as base64 (so a PEM file fails); anything else
 * is the literal value.
 */
async function blob(op: Op, name: string, purpose: InputPurpose): Promise<Buffer | null | 'unknown'> {
  const use = flagValue(op.parsed, name) as FlagUse;
  const value = String(use.value);
  const { context } = op;
  const match = /^(fileb?):\/\/(.*)$/.exec(value);
  if (!match) {
    context.report({ rule: 'run/invalid-command', severity: 'error', message: `Unexpected literal ${code(value)} for \`--${name}\`, expected \`fileb://<file>\` (the CLI would send the text itself as the ${name})`, word: use.valueWord });
    return null;
  }
  if (match[1] === 'file') {
    context.report({ rule: 'run/blob-format', severity: 'warning', message: `Unexpected \`file://\` for the blob \`--${name}\`, expected \`fileb://\`: AWS CLI v2 reads \`file://\` blobs as base64 text, which a PEM file is not`, word: use.valueWord });
  }
  const input = await readInput(context, use.valueWord, match[2]!, purpose, `--${name}`);
  if (!input.ok) return input.unknown ? 'unknown' : null;
  return input.bytes;
}

async function importCertificate(op: Op): Promise<CommandOutcome> {
  const { context } = op;
  const certificate = await blob(op, 'certificate', 'certificate');
  const key = await blob(op, 'private-key', 'private-key');
  const chain = flagValue(op.parsed, 'certificate-chain') ? await blob(op, 'certificate-chain', 'chain') : undefined;
  if (certificate === null || key === null || chain === null) return failed('certificate material missing');
  let ok = true;
  let subject = 'CN=(unknown)';
  const domains: string[] = [];
  if (certificate !== 'unknown' && key !== 'unknown') {
    const cert = readPem(certificate);
    const pk = readPem(key);
    const certWord = flagValue(op.parsed, 'certificate')!.valueWord;
    const keyWord = flagValue(op.parsed, 'private-key')!.valueWord;
    if (cert.certificates.length !== 1) {
      context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${describePem(cert)} for \`--certificate\`, expected exactly one PEM certificate`, word: certWord });
      ok = false;
    }
    if (!pk.privateKey) {
      context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${describePem(pk)} for \`--private-key\`, expected a PEM private key`, word: keyWord });
      ok = false;
    } else if (pk.privateKey.asymmetricKeyType !== 'rsa' && pk.privateKey.asymmetricKeyType !== 'ec') {
      context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${pk.privateKey.asymmetricKeyType} key for \`--private-key\`, expected an RSA or EC key (ACM imports only those)`, word: keyWord });
      ok = false;
    }
    if (ok && !keyMatches(cert.certificates[0]!, pk.privateKey!)) {
      context.report({ rule: 'run/invalid-certificate', severity: 'error', message: 'Unexpected private key that does not match the certificate, expected the key the certificate was issued for', word: keyWord });
      ok = false;
    }
    if (ok) {
      subject = cert.certificates[0]!.subject.replace(/\n/g, ', ');
      domains.push(...(cert.certificates[0]!.subjectAltName ?? '').split(', ').filter((entry) => entry.startsWith('DNS:')).map((entry) => entry.slice(4)));
    }
    if (chain && chain !== 'unknown') {
      const chainPem = readPem(chain);
      if (chainPem.certificates.length === 0) {
        context.report({ rule: 'run/invalid-certificate', severity: 'error', message: `Unexpected ${describePem(chainPem)} for \`--certificate-chain\`, expected one or more PEM certificates`, word: flagValue(op.parsed, 'certificate-chain')!.valueWord });
        ok = false;
      }
    }
  }
  if (!ok) return failed('ACM would reject the certificate');
  const existingArn = flagString(op.parsed, 'certificate-arn');
  const arn = existingArn ?? `arn:aws:acm:${op.region}:${ACCOUNT}:certificate/00000000-0000-4000-8000-${String(nextSerial(context.state)).padStart(12, '0')}`;
  context.state.aws.region ??= op.region;
  context.state.aws.certificates.push({ arn, subject, domains, origin: { line: op.context.lineOf(op.operation), by: 'aws acm import-certificate' } });
  const data = { CertificateArn: arn };
  const text = JSON.stringify(data, null, 4);
  return simulated(`certificate imported into ACM (${subject})`, text, { type: 'data', data, text });
}

async function listCertificates(op: Op): Promise<CommandOutcome> {
  const data = { CertificateSummaryList: op.context.state.aws.certificates.map((certificate) => ({ CertificateArn: certificate.arn, DomainName: certificate.domains[0] ?? certificate.subject })) };
  const text = JSON.stringify(data, null, 4);
  return simulated(`${data.CertificateSummaryList.length} certificate(s)`, text, { type: 'data', data, text });
}

async function certificateByArn(op: Op, action: 'describe' | 'delete'): Promise<CommandOutcome> {
  const use = flagValue(op.parsed, 'certificate-arn')!;
  const arn = String(use.value);
  const certificates = op.context.state.aws.certificates;
  const found = certificates.find((certificate) => certificate.arn === arn);
  if (!found) {
    op.context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified certificate ARN ${code(arn)}: expected a certificate the guide imported (${certificates.length > 0 ? certificates.map((certificate) => code(certificate.arn)).join(', ') : 'none'}); the reader substitutes their own`, word: use.valueWord });
    return simulated(`acm ${action}-certificate: ARN not known to the simulation`, '', { type: 'unknown', reason: 'the ARN is the reader’s' });
  }
  if (action === 'delete') op.context.state.aws.certificates = certificates.filter((certificate) => certificate !== found);
  const data = action === 'describe' ? { Certificate: { CertificateArn: found.arn, Subject: found.subject, Status: 'ISSUED', Type: 'IMPORTED' } } : {};
  const text = action === 'describe' ? JSON.stringify(data, null, 4) : '';
  return simulated(`acm ${action}-certificate ${found.arn}`, text, { type: 'data', data, text });
}

async function requestCertificate(op: Op): Promise<CommandOutcome> {
  const domain = String(flagValue(op.parsed, 'domain-name')!.value);
  const method = flagString(op.parsed, 'validation-method');
  if (method && !['DNS', 'EMAIL'].includes(method)) return usage(op.context, flagValue(op.parsed, 'validation-method')!.valueWord, `validation method ${code(method)}`, 'DNS or EMAIL');
  const arn = `arn:aws:acm:${op.region}:${ACCOUNT}:certificate/00000000-0000-4000-8000-${String(nextSerial(op.context.state)).padStart(12, '0')}`;
  op.context.state.aws.certificates.push({ arn, subject: `CN=${domain}`, domains: [domain], origin: { line: op.context.lineOf(op.operation), by: 'aws acm request-certificate' } });
  const data = { CertificateArn: arn };
  const text = JSON.stringify(data, null, 4);
  return simulated(`certificate requested for ${domain}`, text, { type: 'data', data, text });
}

async function updateKubeconfig(op: Op): Promise<CommandOutcome> {
  const name = String(flagValue(op.parsed, 'name')!.value);
  const kubeconfig = flagValue(op.parsed, 'kubeconfig');
  op.context.state.aws.clusters.push(name);
  const text = `Added new context arn:aws:eks:${op.region}:${ACCOUNT}:cluster/${name} to kubeconfig (simulated)`;
  return simulated(`kubeconfig updated for EKS cluster ${name}`, text, { type: 'unknown', reason: 'the kubeconfig path is the reader’s' });
}

async function s3MakeBucket(op: Op): Promise<CommandOutcome> {
  const target = op.parsed.positionals.find((word) => word !== op.service && word !== op.operation);
  if (!target || !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/?$/.test(target.value)) return usage(op.context, target ?? op.operation, target ? `bucket ${code(target.value)}` : '`aws s3 mb` without a bucket', '`s3://<bucket>` with 3–63 lower-case letters, digits, `.` or `-`');
  return simulated(`bucket ${target.value} made (simulated)`, `make_bucket: ${target.value.slice(5).replace(/\/$/, '')}`);
}

async function createPolicy(op: Op): Promise<CommandOutcome> {
  const use = flagValue(op.parsed, 'policy-document')!;
  const value = String(use.value);
  let text = value;
  const match = /^(fileb?):\/\/(.*)$/.exec(value);
  if (match) {
    const input = await readInput(op.context, use.valueWord, match[2]!, 'json');
    if (!input.ok) return input.unknown ? skipped('policy document unknown') : failed('policy document missing');
    text = input.text;
  }
  try {
    const policy = JSON.parse(text) as Record<string, unknown>;
    if (!policy || typeof policy !== 'object' || !('Statement' in policy)) throw new Error('no `Statement`');
  } catch (error) {
    op.context.report({ rule: 'run/invalid-policy', severity: 'error', message: `Unexpected policy document (${(error as Error).message}), expected a JSON IAM policy with \`Version\` and \`Statement\``, word: use.valueWord });
    return failed('invalid policy');
  }
  const name = String(flagValue(op.parsed, 'policy-name')!.value);
  const data = { Policy: { PolicyName: name, Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}` } };
  const out = JSON.stringify(data, null, 4);
  return simulated(`policy ${name} created`, out, { type: 'data', data, text: out });
}
