import { describe, expect, it } from 'vitest';
import { errors, file, output, rules, run, sh } from './helpers.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  ports:
    - name: http
      port: 80
      targetPort: 8080
  selector:
    app: web`;

const INGRESS = (secret: string, namespace = 'default', port = 80) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: ${namespace}
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - web.example.com
      secretName: ${secret}
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: ${port}`;

const CERT = sh('openssl req -x509 -newkey rsa:2048 -nodes -keyout tls.key -out tls.crt -days 1 -subj "/CN=web.example.com"');

describe('kubectl apply / get', () => {
  it('applies a manifest, then lists it with -f before the subcommand (`kubectl -f x get -w`)', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml'), sh('kubectl -f service.yaml get -w'), output('NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nweb    ClusterIP   10.0.0.1     <none>        80/TCP    1m')].join('\n'));
    expect(report.findings).toEqual([]);
    expect(report.steps.map((step) => step.status)).toEqual(['ran', 'simulated', 'simulated', 'simulated']);
    expect(report.steps[1]!.commands[0]!.output).toBe('service/web created');
    expect(report.steps[2]!.commands[0]!.output).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP/);
    expect(report.steps[3]!.reason).toMatch(/compared with the simulated table/);
  });

  it('reports `get -f` of a file no step created, at the file word in the guide', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml'), sh('kubectl  -f ./config/samples/service.yaml get -w')].join('\n'));
    const [finding] = errors(report);
    expect(finding?.rule).toBe('run/missing-file');
    expect(finding?.message).toMatch(/Unexpected `\.\/config\/samples\/service\.yaml`, expected a file that an earlier step creates \(created so far: `service\.yaml`\)/);
    const block = report.steps[2]!;
    expect(finding?.line).toBe(block.line);
    expect(finding?.column).toBe(13);
    expect(block.status).toBe('failed');
  });

  it('flags a NAME in expected output that the get does not list', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml'), sh('kubectl get -f service.yaml'), output('NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nwebb   ClusterIP   10.0.0.1     <none>        80/TCP    1m')].join('\n'));
    expect(errors(report).map((finding) => finding.rule)).toEqual(['run/output-mismatch']);
    expect(errors(report)[0]!.message).toMatch(/Unexpected Service `webb` in the NAME column, expected an object .* lists \(`web`\)/);
  });

  it('compares YAML printed by `get -o yaml` with the object', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml'), sh('kubectl get -f service.yaml -o yaml'), output('apiVersion: v1\nkind: Service\nmetadata:\n  name: other')].join('\n'));
    expect(rules(report, 'error')).toEqual(['run/output-mismatch']);
  });

  it('reports an object that is gone after `kubectl delete -f`', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml\nkubectl delete -f service.yaml\nkubectl get svc web')].join('\n'));
    expect(report.steps[1]!.commands.map((command) => command.status)).toEqual(['simulated', 'simulated', 'failed']);
    expect(rules(report, 'error')).toEqual(['run/not-found']);
  });

  it('needs the namespace of a manifest to exist, and accepts it after `kubectl create namespace`', async () => {
    const ns = SERVICE.replace('namespace: default', 'namespace: milvus');
    const missing = await run([file('service.yaml', ns), sh('kubectl apply -f service.yaml')].join('\n'));
    expect(rules(missing, 'error')).toEqual(['run/unknown-namespace']);
    const created = await run([file('service.yaml', ns), sh('kubectl create namespace milvus\nkubectl apply -f service.yaml')].join('\n'));
    expect(created.findings).toEqual([]);
  });

  it('reports a manifest that fails schema validation at the bad field', async () => {
    const report = await run([file('service.yaml', SERVICE.replace('  ports:', '  portz:')), sh('kubectl apply -f service.yaml')].join('\n'));
    const [finding] = errors(report);
    expect(finding?.rule).toBe('run/invalid-manifest');
    expect(finding?.message).toMatch(/portz/);
    expect(finding?.line).toBe(report.steps[0]!.line + 6);
  });
});

describe('kubectl references', () => {
  it('requires the TLS secret an Ingress names, created by `kubectl create secret tls` from openssl files', async () => {
    const without = await run([file('service.yaml', SERVICE), file('ingress.yaml', INGRESS('web-tls')), sh('kubectl apply -f service.yaml\nkubectl apply -f ingress.yaml')].join('\n'));
    const [finding] = errors(without);
    expect(finding?.rule).toBe('run/unknown-reference');
    expect(finding?.message).toMatch(/Unexpected TLS secretName `web-tls`, expected the name of a Secret created earlier in namespace `default`/);
    expect(finding?.line).toBe(without.steps[1]!.line + 10);

    const withSecret = await run([CERT, sh('kubectl create secret tls web-tls --cert=./tls.crt --key=./tls.key'), file('service.yaml', SERVICE), file('ingress.yaml', INGRESS('web-tls')), sh('kubectl apply -f service.yaml\nkubectl apply -f ingress.yaml')].join('\n'));
    expect(withSecret.findings).toEqual([]);
    expect(withSecret.steps[0]!.status).toBe('ran');
    expect(withSecret.steps[1]!.commands[0]!.output).toBe('secret/web-tls created');
  });

  it('checks the backend port of an Ingress against the Service', async () => {
    const report = await run([CERT, sh('kubectl create secret tls web-tls --cert tls.crt --key tls.key'), file('service.yaml', SERVICE), file('ingress.yaml', INGRESS('web-tls', 'default', 8081)), sh('kubectl apply -f service.yaml\nkubectl apply -f ingress.yaml')].join('\n'));
    expect(errors(report).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected port 8081 of service `web`, expected one of its ports \(80 \(http\)\)/)]);
  });

  it('rejects `create secret tls` with a key that does not match the certificate', async () => {
    const report = await run([CERT, sh('openssl genrsa -out other.key 2048\nkubectl create secret tls web-tls --cert=tls.crt --key=other.key')].join('\n'));
    expect(rules(report, 'error')).toEqual(['run/invalid-certificate']);
  });

  it('annotates a Service: BackendConfig must exist, app-protocols must name a port, --overwrite is required to change', async () => {
    const backend = `apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: web-backendconfig\n  namespace: default\nspec:\n  healthCheck:\n    port: 9091\n    requestPath: /healthz\n    type: HTTP`;
    const annotate = (extra = '') => sh(`kubectl annotate service web \\\n    cloud.google.com/app-protocols='{"http":"HTTP2"}' \\\n    cloud.google.com/backend-config='{"default": "web-backendconfig"}'${extra}`);
    const missing = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml'), annotate()].join('\n'));
    expect(errors(missing).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected BackendConfig `web-backendconfig`, expected the name of a BackendConfig created earlier/)]);

    const ok = await run([file('service.yaml', SERVICE), file('backendconfig.yaml', backend), sh('kubectl apply -f service.yaml\nkubectl apply -f backendconfig.yaml'), annotate(' --overwrite')].join('\n'));
    expect(ok.findings).toEqual([]);
    expect(ok.steps.at(-1)!.commands[0]!.output).toBe('service/web annotated');

    const badPort = await run([file('service.yaml', SERVICE), file('backendconfig.yaml', backend), sh('kubectl apply -f service.yaml\nkubectl apply -f backendconfig.yaml'), annotate().replace('"http"', '"grpc"')].join('\n'));
    expect(errors(badPort).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected port name `grpc` in annotation `cloud.google.com\/app-protocols`/)]);

    const twice = await run([file('service.yaml', SERVICE), sh("kubectl apply -f service.yaml\nkubectl annotate service web team=a\nkubectl annotate service web team=b")].join('\n'));
    expect(rules(twice, 'error')).toEqual(['run/missing-overwrite']);
  });

  it('reports an annotated object that does not exist when the guide creates objects of that kind itself', async () => {
    const report = await run([file('service.yaml', SERVICE), sh('kubectl apply -f service.yaml\nkubectl annotate service nowhere a=b --overwrite')].join('\n'));
    expect(rules(report, 'error')).toEqual(['run/not-found']);
  });
});

describe('kubectl syntax', () => {
  it('reports unknown flags and subcommands, never ignores them', async () => {
    const flag = await run([file('service.yaml', SERVICE), sh('kubectl apply --fiel service.yaml')].join('\n'));
    expect(flag.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/unknown-flag', 'error']]);
    expect(flag.findings[0]!.message).toMatch(/Unexpected the flag `--fiel`, expected one of the flags of kubectl apply/);
    const sub = await run(sh('kubectl aply -f service.yaml'));
    expect(rules(sub, 'error')).toEqual(['run/unknown-command']);
    const live = await run(sh('kubectl logs my-pod'));
    expect(live.steps[0]!.status).toBe('skipped');
    expect(rules(live)).toEqual(['run/live-cluster']);
  });

  it('reads a manifest piped from a here-document (`cat <<EOF | kubectl apply -f -`)', async () => {
    const report = await run(sh(`cat <<EOF | kubectl apply -f -\n${SERVICE}\nEOF\nkubectl get service web -o yaml`));
    expect(report.findings).toEqual([]);
    expect(report.steps[0]!.commands.map((command) => command.output.split('\n')[0])).toEqual(['apiVersion: v1', 'service/web created', 'apiVersion: v1']);
  });
});
