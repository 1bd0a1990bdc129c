/**
 * Cross-object references the simulation can verify: an Ingress's TLS secret, backend Services and
 * ports, GKE managed certificates, an ALB certificate ARN; a Service's BackendConfig, app-protocols
 * and NEG annotations. Each reference must name something created earlier in the same namespace
 * (or assumed as a prerequisite); when a chart the simulation does not model could have created
 * it, the reference is reported as unverified instead.
 */
import type { Severity } from '../types.ts';
import { annotationsOf, findObject, list, objectsOf, record, unknownCreator, type ClusterState, type KubeObject } from './cluster.ts';
import { code } from './context.ts';

export interface ReferenceProblem {
  rule: string;
  severity: Severity;
  message: string;
  /** Path into the object's manifest (for a position), when the problem is in the manifest. */
  path?: Array<string | number>;
  /** For annotation problems: the annotation key. */
  annotation?: string;
}

const GCP_PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2'];

export function checkReferences(state: ClusterState, object: KubeObject): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  if (object.kind === 'Ingress') problems.push(...ingressReferences(state, object));
  if (object.kind === 'Service') problems.push(...serviceAnnotationProblems(state, object, annotationsOf(object.body)));
  return problems;
}

/** A missing reference: an error, or unverified when an unmodelled chart could have created it. */
function missing(state: ClusterState, namespace: string, kind: string, name: string, what: string, path: Array<string | number> | undefined, annotation?: string): ReferenceProblem {
  const creator = unknownCreator(state, namespace);
  const existing = objectsOf(state, kind, namespace).map((object) => code(object.name));
  if (creator && kind !== 'BackendConfig' && kind !== 'ManagedCertificate') {
    return {
      rule: 'run/unverified',
      severity: 'info',
      message: `Unverified ${what} ${code(name)}: expected a ${kind} in namespace ${code(namespace)}; ${creator} may create it, but that is not simulated`,
      ...(path ? { path } : {}),
      ...(annotation ? { annotation } : {}),
    };
  }
  return {
    rule: 'run/unknown-reference',
    severity: 'error',
    message: `Unexpected ${what} ${code(name)}, expected the name of a ${kind} created earlier in namespace ${code(namespace)} (${existing.length > 0 ? `there: ${existing.join(', ')}` : `no ${kind} exists there`})`,
    ...(path ? { path } : {}),
    ...(annotation ? { annotation } : {}),
  };
}

function ingressReferences(state: ClusterState, ingress: KubeObject): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const namespace = ingress.namespace ?? 'default';
  const spec = record(ingress.body.spec);
  list(spec.tls).forEach((entry, index) => {
    const secretName = record(entry).secretName;
    if (typeof secretName === 'string' && !findObject(state, 'Secret', namespace, secretName)) {
      problems.push(missing(state, namespace, 'Secret', secretName, 'TLS secretName', ['spec', 'tls', index, 'secretName']));
    }
  });
  const checkBackend = (backend: unknown, path: Array<string | number>): void => {
    const service = record(record(backend).service);
    const name = service.name;
    if (typeof name !== 'string') return;
    const target = findObject(state, 'Service', namespace, name);
    if (!target) {
      problems.push(missing(state, namespace, 'Service', name, 'backend service', [...path, 'service', 'name']));
      return;
    }
    const ports = list(record(target.body.spec).ports).map(record);
    if (ports.length === 0) return;
    const port = record(service.port);
    if (typeof port.number === 'number' && !ports.some((candidate) => candidate.port === port.number)) {
      problems.push({
        rule: 'run/unknown-reference',
        severity: 'error',
        message: `Unexpected port ${port.number} of service ${code(name)}, expected one of its ports (${ports.map((candidate) => `${candidate.port}${candidate.name ? ` (${candidate.name})` : ''}`).join(', ')})`,
        path: [...path, 'service', 'port', 'number'],
      });
    }
    if (typeof port.name === 'string' && !ports.some((candidate) => candidate.name === port.name)) {
      problems.push({
        rule: 'run/unknown-reference',
        severity: 'error',
        message: `Unexpected port name ${code(port.name)} of service ${code(name)}, expected one of its port names (${ports.map((candidate) => String(candidate.name ?? '(unnamed)')).join(', ')})`,
        path: [...path, 'service', 'port', 'name'],
      });
    }
  };
  if (spec.defaultBackend) checkBackend(spec.defaultBackend, ['spec', 'defaultBackend']);
  list(spec.rules).forEach((rule, ruleIndex) => {
    list(record(record(rule).http).paths).forEach((entry, pathIndex) => checkBackend(record(entry).backend, ['spec', 'rules', ruleIndex, 'http', 'paths', pathIndex, 'backend']));
  });
  const annotations = annotationsOf(ingress.body);
  const managed = annotations['networking.gke.io/managed-certificates'];
  if (managed !== undefined) {
    for (const name of managed.split(',').map((part) => part.trim()).filter(Boolean)) {
      if (!findObject(state, 'ManagedCertificate', namespace, name)) {
        problems.push(missing(state, namespace, 'ManagedCertificate', name, 'managed certificate', ['metadata', 'annotations', 'networking.gke.io/managed-certificates'], 'networking.gke.io/managed-certificates'));
      }
    }
  }
  const arn = annotations['alb.ingress.kubernetes.io/certificate-arn'];
  if (arn !== undefined) {
    const path = ['metadata', 'annotations', 'alb.ingress.kubernetes.io/certificate-arn'];
    const arns = arn.split(',').map((part) => part.trim());
    const imported = state.aws.certificates;
    for (const one of arns) {
      if (!/^arn:aws[\w-]*:acm:[^:]+:[^:]+:certificate\/.+$/.test(one)) {
        problems.push({ rule: 'run/unknown-reference', severity: 'error', message: `Unexpected certificate ARN ${code(one)}, expected \`arn:aws:acm:<region>:<account>:certificate/<id>\``, path });
      } else if (imported.some((certificate) => certificate.arn === one)) {
        // matches a certificate imported earlier in the run
      } else if (imported.length > 0) {
        problems.push({
          rule: 'run/placeholder',
          severity: 'info',
          message: `Unexpected literal certificate ARN ${code(one)}, expected the CertificateArn printed by \`aws acm import-certificate\` earlier (the reader substitutes it; simulated: ${imported.at(-1)!.arn})`,
          path,
        });
      } else {
        problems.push({ rule: 'run/unverified', severity: 'info', message: `Unverified certificate ARN ${code(one)}: expected a certificate in ACM; no step of the guide imports or requests one`, path });
      }
    }
  }
  return problems;
}

/** Problems with a Service's GKE annotations, given the annotations it would have. */
export function serviceAnnotationProblems(state: ClusterState, service: KubeObject, annotations: Record<string, string>): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const namespace = service.namespace ?? 'default';
  const json = (key: string): Record<string, unknown> | null => {
    const value = annotations[key];
    if (value === undefined) return null;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      problems.push({ rule: 'run/invalid-annotation', severity: 'error', message: `Unexpected ${code(value)} in annotation ${code(key)}, expected a JSON object`, annotation: key, path: ['metadata', 'annotations', key] });
    } catch (error) {
      problems.push({ rule: 'run/invalid-annotation', severity: 'error', message: `Unexpected ${code(value)} in annotation ${code(key)}, expected JSON (${(error as Error).message})`, annotation: key, path: ['metadata', 'annotations', key] });
    }
    return null;
  };
  const ports = list(record(service.body.spec).ports).map(record);
  const portNames = ports.map((port) => port.name).filter((name): name is string => typeof name === 'string');
  const backend = json('cloud.google.com/backend-config');
  if (backend) {
    const names: string[] = [];
    if (typeof backend.default === 'string') names.push(backend.default);
    for (const value of Object.values(record(backend.ports))) if (typeof value === 'string') names.push(value);
    const unknownKeys = Object.keys(backend).filter((key) => key !== 'default' && key !== 'ports');
    if (unknownKeys.length > 0 || names.length === 0) {
      problems.push({ rule: 'run/invalid-annotation', severity: 'error', message: `Unexpected ${unknownKeys.length > 0 ? `key ${code(unknownKeys[0]!)}` : 'value'} in annotation \`cloud.google.com/backend-config\`, expected \`{"default": "<BackendConfig>"}\` or \`{"ports": {"<port>": "<BackendConfig>"}}\``, annotation: 'cloud.google.com/backend-config', path: ['metadata', 'annotations', 'cloud.google.com/backend-config'] });
    }
    for (const name of names) {
      if (!findObject(state, 'BackendConfig', namespace, name)) problems.push(missing(state, namespace, 'BackendConfig', name, 'BackendConfig', ['metadata', 'annotations', 'cloud.google.com/backend-config'], 'cloud.google.com/backend-config'));
    }
    for (const port of Object.keys(record(backend.ports))) {
      if (portNames.length > 0 && !portNames.includes(port) && !ports.some((candidate) => String(candidate.port) === port)) {
        problems.push({ rule: 'run/unknown-reference', severity: 'error', message: `Unexpected port ${code(port)} in annotation \`cloud.google.com/backend-config\`, expected a port of service ${code(service.name)} (${portNames.join(', ')})`, annotation: 'cloud.google.com/backend-config', path: ['metadata', 'annotations', 'cloud.google.com/backend-config'] });
      }
    }
  }
  const protocols = json('cloud.google.com/app-protocols');
  if (protocols) {
    for (const [port, protocol] of Object.entries(protocols)) {
      if (typeof protocol !== 'string' || !GCP_PROTOCOLS.includes(protocol)) {
        problems.push({ rule: 'run/invalid-annotation', severity: 'error', message: `Unexpected protocol ${code(String(protocol))} for port ${code(port)} in annotation \`cloud.google.com/app-protocols\`, expected one of ${GCP_PROTOCOLS.join(', ')}`, annotation: 'cloud.google.com/app-protocols', path: ['metadata', 'annotations', 'cloud.google.com/app-protocols'] });
      }
      if (portNames.length > 0 && !portNames.includes(port)) {
        problems.push({ rule: 'run/unknown-reference', severity: 'error', message: `Unexpected port name ${code(port)} in annotation \`cloud.google.com/app-protocols\`, expected a named port of service ${code(service.name)} (${portNames.join(', ')})`, annotation: 'cloud.google.com/app-protocols', path: ['metadata', 'annotations', 'cloud.google.com/app-protocols'] });
      }
    }
  }
  const neg = json('cloud.google.com/neg');
  if (neg) {
    const unknownKeys = Object.keys(neg).filter((key) => key !== 'ingress' && key !== 'exposed_ports');
    if (unknownKeys.length > 0 || (neg.ingress !== undefined && typeof neg.ingress !== 'boolean')) {
      problems.push({ rule: 'run/invalid-annotation', severity: 'error', message: `Unexpected ${unknownKeys.length > 0 ? `key ${code(unknownKeys[0]!)}` : `value ${code(JSON.stringify(neg.ingress))}`} in annotation \`cloud.google.com/neg\`, expected \`{"ingress": true}\` or \`{"exposed_ports": {…}}\``, annotation: 'cloud.google.com/neg', path: ['metadata', 'annotations', 'cloud.google.com/neg'] });
    }
  }
  return problems;
}
