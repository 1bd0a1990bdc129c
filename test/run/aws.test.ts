import { describe, expect, it } from 'vitest';
import { errors, file, rules, run, sh } from './helpers.ts';

const IMPORT = 'aws acm import-certificate --certificate fileb://Certificate.pem \\\n      --certificate-chain fileb://CertificateChain.pem \\\n      --private-key fileb://PrivateKey.pem';

describe('aws acm import-certificate', () => {
  it('takes certificate files no step creates as brought by the reader (info), with matching stand-ins', async () => {
    const report = await run(sh(IMPORT));
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/reader-file', 'info'],
      ['run/reader-file', 'info'],
      ['run/reader-file', 'info'],
    ]);
    expect(report.prerequisites).toEqual([
      'file Certificate.pem (brought by the reader, inferred from --certificate)',
      'file PrivateKey.pem (brought by the reader, inferred from --private-key)',
      'file CertificateChain.pem (brought by the reader, inferred from --certificate-chain)',
    ]);
    const command = report.steps[0]!.commands[0]!;
    expect(command.status).toBe('simulated');
    expect(JSON.parse(command.output)).toEqual({ CertificateArn: expect.stringMatching(/^arn:aws:acm:us-east-1:123456789012:certificate\//) });
  });

  it('uses certificates an earlier openssl step made, and then a missing name is an error, not a reader file', async () => {
    const made = sh('openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj "/CN=a.example.com"');
    const ok = await run([made, sh('aws acm import-certificate --certificate fileb://cert.pem --private-key fileb://key.pem --region eu-west-1')].join('\n'));
    expect(ok.findings).toEqual([]);
    expect(ok.steps[1]!.commands[0]!.output).toMatch(/arn:aws:acm:eu-west-1:/);
    const typo = await run([made, sh('aws acm import-certificate --certificate fileb://cert.crt --private-key fileb://key.pem')].join('\n'));
    expect(errors(typo).map((finding) => finding.message)).toEqual([expect.stringMatching(/Unexpected `cert\.crt`, expected a file that an earlier step creates \(created so far: `key\.pem`, `cert\.pem`\)/)]);
  });

  it('declared prerequisites (front matter run.given.files) are not reported', async () => {
    const report = await run(sh(IMPORT), {}, 'run:\n  given:\n    files: [Certificate.pem, CertificateChain.pem, PrivateKey.pem]\n');
    expect(report.findings).toEqual([]);
    expect(report.prerequisites).toContain('file Certificate.pem (declared: brought by the reader)');
  });

  it('rejects a key that does not match the certificate', async () => {
    const report = await run([sh('openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj "/CN=a"\nopenssl genrsa -out other.pem 2048'), sh('aws acm import-certificate --certificate fileb://cert.pem --private-key fileb://other.pem')].join('\n'));
    expect(errors(report).map((finding) => finding.message)).toEqual(['Unexpected private key that does not match the certificate, expected the key the certificate was issued for']);
  });

  it('warns about file:// for blobs and rejects a literal path', async () => {
    const fileScheme = await run(sh('aws acm import-certificate --certificate file://Certificate.pem --private-key fileb://PrivateKey.pem'));
    expect(rules(fileScheme, 'warning')).toEqual(['run/blob-format']);
    const literal = await run(sh('aws acm import-certificate --certificate Certificate.pem --private-key fileb://PrivateKey.pem'));
    expect(rules(literal, 'error')).toEqual(['run/invalid-command']);
  });

  it('requires --certificate and --private-key, and reports unknown flags', async () => {
    const missing = await run(sh('aws acm import-certificate --certificate fileb://Certificate.pem'));
    expect(errors(missing).map((finding) => finding.message)).toEqual(['Unexpected `aws acm import-certificate` without `--private-key`, expected `--private-key` (required)']);
    const unknown = await run(sh('aws acm import-certificate --certificate fileb://c.pem --private-key fileb://k.pem --chain fileb://x.pem'));
    expect(rules(unknown, 'error')).toEqual(['run/unknown-flag']);
  });

  it('lets an Ingress use the imported ARN; a literal placeholder ARN is an info', async () => {
    const ingress = (arn: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: demo\n  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: "${arn}"\nspec:\n  ingressClassName: alb\n  defaultBackend:\n    service:\n      name: demo\n      port:\n        number: 80`;
    const report = await run([sh(IMPORT), file('ingress.yaml', ingress('arn:aws:acm:region:account-id:certificate/certificate-id')), sh('kubectl apply -f ingress.yaml')].join('\n'), {}, 'run:\n  given:\n    files: [Certificate.pem, CertificateChain.pem, PrivateKey.pem]\n    objects: [{ kind: Service, name: demo }]\n');
    expect(report.findings.map((finding) => finding.rule)).toEqual(['run/placeholder']);
    const bad = await run([file('ingress.yaml', ingress('not-an-arn')), sh('kubectl apply -f ingress.yaml')].join('\n'), {}, 'run:\n  given:\n    objects: [{ kind: Service, name: demo }]\n');
    expect(rules(bad, 'error')).toEqual(['run/unknown-reference']);
  });
});

describe('aws other services', () => {
  it('simulates eks update-kubeconfig and iam create-policy with a policy file, and reports what it does not simulate', async () => {
    const policy = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}';
    const report = await run([file('policy.json', policy, 'json'), sh('aws eks update-kubeconfig --name demo --region us-east-2\naws iam create-policy --policy-name milvus-s3 --policy-document file://policy.json\naws ec2 describe-instances')].join('\n'));
    expect(report.steps[1]!.commands.map((command) => command.status)).toEqual(['simulated', 'simulated', 'skipped']);
    // Not simulated: an info (the page is not wrong), never a warning.
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/unsupported-command', 'info']]);
    const broken = await run([file('policy.json', '{"Version": "2012-10-17"}', 'json'), sh('aws iam create-policy --policy-name p --policy-document file://policy.json')].join('\n'));
    expect(rules(broken, 'error')).toEqual(['run/invalid-policy']);
  });
});
