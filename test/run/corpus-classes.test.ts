/**
 * The false-alarm classes of the corpus review (scratch/corpus-review.md, §4), one small guide each:
 * a correct guide gets no error because the runner cannot model something; what the runner cannot
 * run or know is an info; what the page gets wrong is still an error, reported once.
 */
import { describe, expect, it } from 'vitest';
import { opensslFailureLine } from '../../src/run/local.ts';
import { errors, FENCE, file, rules, run, sh } from './helpers.ts';

/** A block with no language, as Milvus pages have them (`<pre><code>` without a class). */
const plain = (text: string): string => `${FENCE}\n${text}\n${FENCE}\n`;
const notInfo = (report: Awaited<ReturnType<typeof run>>) => report.findings.filter((finding) => finding.severity !== 'info').map((finding) => [finding.rule, finding.severity, finding.line]);

const MILVUS = (name: string, apiVersion = true) => `${apiVersion ? 'apiVersion: milvus.io/v1beta1\n' : ''}kind: Milvus\nmetadata:\n  name: ${name}\nspec:\n  mode: cluster`;

describe('1. absolute system paths in node-setup commands', () => {
  it('`>> /etc/fstab`, `mkdir -p /var/lib/kubelet`, `cd /data` are not run (info), never an error', async () => {
    const report = await run(
      [
        'Pass this custom data to the node pool:\n',
        sh("mdadm -Ds > /etc/mdadm/mdadm.conf\nmkfs.xfs /dev/md0\nmkdir -p /var/lib/kubelet\necho '/dev/md0 /var/lib/kubelet xfs defaults 0 0' >> /etc/fstab\nmount -a"),
        'Inside the test pod:\n',
        sh('cd /data\nfio --name=test --filename=testfile\ncat fio.log'),
      ].join('\n'),
    );
    expect(errors(report)).toEqual([]);
    expect(notInfo(report)).toEqual([]);
    expect(report.findings.filter((finding) => finding.rule === 'run/unsafe-path').map((finding) => finding.message.split(':')[0])).toEqual([
      'Unverified redirection to `/etc/mdadm/mdadm.conf`',
      'Unverified `/var/lib/kubelet`',
      'Unverified redirection to `/etc/fstab`',
      'Unverified `/data`',
    ]);
    // After `cd /data` the reader's folder is unknown: a file there is unverified, not missing.
    expect(report.findings.at(-1)).toMatchObject({ rule: 'run/unverified', message: expect.stringMatching(/^Unverified `fio\.log`: .*which the run left with `cd \/data`/) });
    expect(report.steps.map((step) => step.status)).toEqual(['skipped', 'skipped']);
  });

  it('still refuses and reports `rm -rf /` as an error', async () => {
    const report = await run(sh('rm -rf /'));
    expect(rules(report, 'error')).toEqual(['run/unsafe-path']);
  });
});

describe('2. prerequisites the guide expects', () => {
  it('an existing Milvus instance patched by an upgrade guide is assumed (info), not not-found', async () => {
    const patch = 'apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: my-release\nspec:\n  components:\n    image: milvusdb/milvus:v2.4.23';
    const report = await run([file('milvusupgrade.yaml', patch), sh('kubectl patch -f milvusupgrade.yaml --patch-file milvusupgrade.yaml --type merge')].join('\n'));
    expect(errors(report)).toEqual([]);
    expect(rules(report)).toContain('run/assumed-object');
    expect(report.prerequisites).toContain('Milvus my-release in namespace default (inferred from kubectl patch)');
  });

  it('patching an object of a kind the guide creates itself, under another name, is still an error', async () => {
    const report = await run([file('milvus.yaml', MILVUS('one')), sh('kubectl apply -f milvus.yaml\nkubectl patch milvus two --type merge -p \'{"spec": {"mode": "standalone"}}\'')].join('\n'));
    expect(rules(report, 'error')).toEqual(['run/not-found']);
  });

  it('objects an operator creates from `kubectl apply -f <URL>` are unverified, not not-found', async () => {
    const report = await run(plain('$ kubectl apply -f https://raw.githubusercontent.com/zilliztech/milvus-operator/main/config/samples/milvus_default.yaml') + '\n' + sh('kubectl port-forward service/my-release-milvus 27017:19530'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/network', 'info']]);
  });

  it('objects and namespaces from a folder of a cloned repository are unverified', async () => {
    const report = await run(
      [
        plain('$ git clone https://github.com/prometheus-operator/kube-prometheus.git\n$ cd kube-prometheus\n$ kubectl apply --server-side -f manifests/setup\n$ kubectl wait --for condition=Established --all CustomResourceDefinition --namespace=monitoring\n$ kubectl apply -f manifests/'),
        sh('kubectl patch clusterrole prometheus-k8s --type=json -p=\'[{"op": "add", "path": "/rules/-", "value": {"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}}]\''),
      ].join('\n'),
    );
    expect(errors(report)).toEqual([]);
    expect(notInfo(report)).toEqual([]);
    expect(report.findings.filter((finding) => finding.rule === 'run/unverified').map((finding) => finding.message.split(':')[0])).toEqual([
      'Unverified `manifests/setup`',
      'Unverified namespace `monitoring`',
      'Unverified `manifests/`',
      'Unverified ClusterRole `prometheus-k8s`',
    ]);
  });
});

describe('3. blocks that are not the file they seem to be', () => {
  it('a YAML-labelled command is run as a command; the real manifests for the file are the alternatives, checked', async () => {
    const report = await run(
      [
        'Create `milvuscluster.yaml` with the default configuration:\n',
        `${FENCE}yaml\nkubectl apply -f https://raw.githubusercontent.com/zilliztech/milvus-operator/main/config/samples/milvus_cluster_default.yaml\n${FENCE}\n`,
        'Or write `milvuscluster.yaml` yourself:\n',
        `${FENCE}yaml\n${MILVUS('my-release')}\n${FENCE}\n`,
        'Or, with an external etcd, `milvuscluster.yaml`:\n',
        `${FENCE}yaml\n${MILVUS('my-release', false)}\n${FENCE}\n`,
        sh('kubectl apply -f milvuscluster.yaml'),
      ].join('\n'),
    );
    expect(report.steps.map((step) => [step.role, step.status])).toEqual([
      ['command', 'skipped'],
      ['file', 'ran'],
      ['file', 'failed'],
      ['command', 'simulated'],
    ]);
    // The true defect hidden behind the mislabelled block: the third variant has no apiVersion.
    expect(errors(report).map((finding) => [finding.rule, finding.line])).toEqual([['run/invalid-manifest', report.steps[2]!.line]]);
  });

  it('an excerpt (`...` first or last) is not written as the file', async () => {
    const excerpt = '...\n      - name: birdwatcher\n        image: milvusdb/birdwatcher\n        imagePullPolicy: Never\n...';
    const report = await run([file('deployment.yml', excerpt), sh('kubectl apply -f deployment.yml')].join('\n'));
    expect(report.steps[0]).toMatchObject({ status: 'skipped', reason: 'an excerpt of `deployment.yml` (a `...` line stands for the rest): not written' });
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['run/unverified']);
  });

  it('an absolute container path named in the prose is not a file to save', async () => {
    const report = await run(['Map your file onto `/milvus/configs/milvus.yaml` in the container:\n', `${FENCE}yaml\nstandalone:\n  volumes:\n    - ./milvus.yaml:/milvus/configs/milvus.yaml\n${FENCE}\n`].join('\n'));
    expect(report.findings).toEqual([]);
    expect(report.steps[0]!.status).toBe('skipped');
  });

  it('a `$ wget …/milvus.yaml` block taken for the file it downloads is run as a command', async () => {
    const report = await run(['Download `milvus.yaml` with the following command.\n', plain('$ wget https://raw.githubusercontent.com/milvus-io/milvus/v2.4.23/configs/milvus.yaml'), sh('cat milvus.yaml')].join('\n'));
    expect(report.steps[0]!.role).toBe('command');
    expect(errors(report)).toEqual([]);
    expect(rules(report)).toEqual(['run/network', 'run/unverified']);
  });

  it('an unlabelled YAML block is the file the prose before it names when a later command reads it', async () => {
    const report = await run(['To configure global resources, create a `milvuscluster_resource.yaml` file.\n', '## Example\n\nThe following example configures global resources.\n', plain(MILVUS('my-release')), 'Apply it:\n', plain('kubectl apply -f milvuscluster_resource.yaml')].join('\n'));
    expect(errors(report)).toEqual([]);
    expect(report.steps.map((step) => [step.role, step.status, step.fileName])).toEqual([
      ['file', 'ran', 'milvuscluster_resource.yaml'],
      ['command', 'simulated', null],
    ]);
  });
});

describe('4. outputs of commands that are not run', () => {
  it('a `git clone` target, unlabelled, is a folder of unknown content', async () => {
    const report = await run([plain('git clone https://github.com/milvus-io/milvus.git'), sh('cd ./milvus/deployments/docker/cluster-distributed-deployment')].join('\n'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/network', 'info'],
      ['run/unverified', 'info'],
    ]);
  });

  it('`python -m venv venv` in a folder the guide made makes `venv/` (unverified)', async () => {
    const report = await run(sh('mkdir video-search && cd video-search\npython -m venv venv\nsource venv/bin/activate'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.at(-1)).toMatchObject({ rule: 'run/unverified', message: expect.stringContaining('`python -m venv venv`') });
  });

  it('a script linked in the prose is the reader’s download (info)', async () => {
    const report = await run(['You can use [the script](https://raw.githubusercontent.com/milvus-io/milvus/master/deployments/upgrade/rollingUpdate.sh) we provide.\n', sh("sh rollingUpdate.sh -n default -i my-release -o update -t 2.4.23 -w 'milvusdb/milvus:v2.4.23'")].join('\n'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/reader-file', 'info']]);
    expect(report.prerequisites).toEqual(['file rollingUpdate.sh (downloaded by the reader from https://raw.githubusercontent.com/milvus-io/milvus/master/deployments/upgrade/rollingUpdate.sh)']);
  });

  it('`cd ${repo_git_root_path}` only reports the unset variable', async () => {
    const report = await run(sh('cd ${repo_git_root_path}'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/unset-variable', 'info'],
      ['run/unverified', 'info'],
    ]);
  });

  it('a file a program of the same block may write is unverified; one nothing could have written is still missing', async () => {
    const maybe = await run(sh('python3 render.py --out manifest.yaml\nkubectl apply -f manifest.yaml'));
    expect(errors(maybe)).toEqual([]);
    const missing = await run([sh('pip install pymilvus'), sh('kubectl apply -f manifest.yaml')].join('\n'));
    expect(rules(missing, 'error')).toEqual(['run/missing-file']);
  });
});

describe('5. unlabelled `$ ` blocks', () => {
  it('`$ helm repo add …` in a block without a language adds the repository', async () => {
    const report = await run([plain('$ helm repo add milvus https://zilliztech.github.io/milvus-helm/'), plain('$ helm repo update'), sh('helm repo add zilliztech https://zilliztech.github.io/milvus-helm/\nhelm install my-release milvus/milvus')].join('\n'));
    expect(report.findings).toEqual([]);
    expect(report.steps.map((step) => step.role)).toEqual(['command', 'command', 'command']);
  });

  it('still finds a real mistake in such a block (`kubectl kubectl scale …`)', async () => {
    const report = await run(plain('kubectl kubectl scale sts etcd --replicas=0'));
    expect(rules(report, 'error')).toEqual(['run/unknown-command']);
  });
});

describe('6. namespaces', () => {
  it('listing in a namespace that does not exist prints "No resources found", not an error', async () => {
    const report = await run(sh('kubectl get pods -n milvus\nkubectl get svc -n milvus'));
    expect(report.findings).toEqual([]);
    expect(report.steps[0]!.commands.map((command) => command.output)).toEqual(['No resources found in milvus namespace.', 'No resources found in milvus namespace.']);
  });

  it('`eksctl create iamserviceaccount --namespace milvus` creates the namespace', async () => {
    const report = await run(sh('eksctl create iamserviceaccount --name milvus-s3-access-sa --namespace milvus --cluster milvus-eks --approve\nhelm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm upgrade --install milvus-demo milvus/milvus -n milvus'));
    expect(errors(report)).toEqual([]);
  });
});

describe('7. placeholders glued inside a word', () => {
  it('`birdwatcher_<os>_<arch>.tar.gz` holds placeholders, not redirections', async () => {
    const report = await run(sh('wget -O birdwatcher.tar.gz \\\nhttps://github.com/milvus-io/birdwatcher/releases/download/latest/birdwatcher_<os>_<arch>.tar.gz'));
    expect(errors(report)).toEqual([]);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['run/placeholder', 'run/placeholder', 'run/network']);
    expect(report.steps[0]!.commands[0]!.argv.at(-1)).toBe('https://github.com/milvus-io/birdwatcher/releases/download/latest/birdwatcher_os_arch.tar.gz');
  });
});

describe('8. notices', () => {
  it('what the runner does not run is info: pip, git clone, sudo apt, loops', async () => {
    const report = await run(sh('pip install pymilvus\ngit clone https://github.com/FlagOpen/FlagEmbedding.git\nsudo apt install openssl\nfor i in 1 2; do echo $i; done'));
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/unsupported-command', 'info'],
      ['run/network', 'info'],
      ['run/blocked', 'info'],
      ['run/unsupported-shell', 'info'],
    ]);
  });

  it('a CLI synopsis that is not shell is an info', async () => {
    const report = await run(sh('load -c (text) [-p (text)]'));
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/shell-syntax', 'info']]);
  });

  it('a variable set by a `$(…)` assignment that was not run is not reported as unset', async () => {
    const report = await run(sh('milvus_bucket_name="milvus-bucket-$(openssl rand -hex 12)"\naws s3api create-bucket --bucket "$milvus_bucket_name" --region us-east-2'));
    expect(rules(report)).not.toContain('run/unset-variable');
    expect(errors(report)).toEqual([]);
  });

  it('an upgrade of an existing release in a note does not make the guide’s own install a duplicate', async () => {
    const report = await run(
      [
        plain('$ helm repo add milvus https://zilliztech.github.io/milvus-helm/'),
        ':::note\nThe archived repository is still available:\n\n' + sh('helm repo add zilliztech https://zilliztech.github.io/milvus-helm/\nhelm repo update\n# upgrade existing helm release\nhelm upgrade my-release zilliztech/milvus') + ':::\n',
        sh('helm install my-release milvus/milvus'),
      ].join('\n'),
    );
    expect(notInfo(report)).toEqual([]);
    expect(rules(report)).not.toContain('run/already-exists');
  });

  it('two installs of one release under different headings are alternatives (info); in a row, a warning', async () => {
    const apart = await run(['## Using a YAML file\n', sh('helm install my-release milvus/milvus -f values.yaml'), file('values.yaml', 'cluster:\n  enabled: true'), '## Using a command\n', sh('helm install my-release milvus/milvus --set cluster.enabled=true')].join('\n'));
    expect(apart.findings.filter((finding) => finding.rule === 'run/already-exists').map((finding) => finding.severity)).toEqual(['info']);
    const together = await run(sh('helm install my-release milvus/milvus\nhelm install my-release milvus/milvus'));
    expect(together.findings.filter((finding) => finding.rule === 'run/already-exists').map((finding) => finding.severity)).toEqual(['warning']);
  });
});

describe('9. one root cause, one error', () => {
  it('a release installed into a namespace nobody creates: one error; later uses are consequences (info)', async () => {
    const report = await run(sh('helm repo add milvus https://zilliztech.github.io/milvus-helm/\nhelm install milvus-demo milvus/milvus -n milvus\nkubectl get pods -n milvus\nkubectl port-forward svc/milvus-demo 19530:19530 -n milvus\nhelm uninstall milvus-demo -n milvus'));
    expect(errors(report).map((finding) => finding.rule)).toEqual(['run/unknown-namespace']);
    expect(report.findings.filter((finding) => finding.rule === 'run/unverified').map((finding) => finding.message)).toEqual([
      expect.stringMatching(/^Unverified namespace `milvus`: a consequence of the failed command at line \d+/),
      expect.stringMatching(/^Unverified Service `milvus-demo`: a consequence of the failed command at line \d+/),
      expect.stringMatching(/^Unverified release `milvus-demo`: a consequence of the failed command at line \d+/),
    ]);
  });

  it('a broken continuation fails the install once; the namespace it would have created is a consequence', async () => {
    const report = await run(sh('NAMESPACE=ingress-basic\nhelm repo add ingress-nginx https://kubernetes.github.io/ingress-nginx\nhelm repo add jetstack https://charts.jetstack.io\nhelm install ingress-nginx ingress-nginx/ingress-nginx --create-namespace --namespace $NAMESPACE --set controller.replicaCount=2 \\  \n  --set controller.service.externalTrafficPolicy=Local\nkubectl --namespace $NAMESPACE get services -o wide ingress-nginx-controller\nhelm install cert-manager jetstack/cert-manager --namespace $NAMESPACE'));
    expect(errors(report).map((finding) => finding.rule)).toEqual(['run/invalid-command']);
    expect(notInfo(report)).toEqual([['run/invalid-command', 'error', expect.any(Number)]]);
  });
});

describe('a failed openssl run', () => {
  it('gives the line that says why as the reason, not the warning openssl prints before it', async () => {
    // Found by fuzzing tls.md: its gen.sh passes `-days` to `openssl req` without `-x509`.
    const config = '[ req ]\ndistinguished_name = dn\nthis line has no equal sign\n[ dn ]';
    const report = await run([sh('openssl genrsa -out server.key 2048'), file('openssl.cnf', config, 'ini'), sh('openssl req -new -nodes -key server.key -out server.csr -days 3650 -subj "/CN=a" -config ./openssl.cnf')].join('\n'));
    expect(errors(report).map((finding) => finding.rule)).toEqual(['run/command-failed']);
    // The config file's line 3 is line 17 of the page, where the translator would mend it.
    expect(errors(report)[0]!.message).toBe('Unexpected failure of `openssl req` (req: Error on line 3 of config file "./openssl.cnf", which is line 17 of this page), expected it to succeed');
  });

  it('names no page line for a config file that no block of the guide wrote', async () => {
    const report = await run([sh('openssl genrsa -out server.key 2048\nprintf "[ req ]\\nno equal sign\\n" > made.cnf'), sh('openssl req -new -nodes -key server.key -out server.csr -subj "/CN=a" -config ./made.cnf')].join('\n'));
    expect(errors(report).map((finding) => finding.message)).toEqual([expect.stringMatching(/^Unexpected failure of `openssl req` \(req: Error on line 2 of config file "\.\/made\.cnf"\), expected it to succeed$/)]);
  });

  it.each([
    ['a warning, then the error', 'Ignoring -days without -x509; not generating a certificate\nreq: Error on line 3 of config file "./b.cnf"\n80:error:07000065:configuration file routines', 'req: Error on line 3 of config file "./b.cnf"'],
    ['the error first', 'Could not open file or uri for loading private key from k.pem\n40:error:80000002:system library:file_open:No such file or directory', 'Could not open file or uri for loading private key from k.pem'],
    ['no line names a failure', '\n  req: Use -help for summary.\n', 'req: Use -help for summary.'],
    ['nothing printed', ' \n', null],
  ])('opensslFailureLine: %s', (_name, output, expected) => {
    expect(opensslFailureLine(output)).toBe(expected);
  });
});

describe('files shown after a command', () => {
  it('a file created by `touch` or downloaded by `wget` and then shown is not "after the command that uses it"', async () => {
    const report = await run([sh('mkdir cert && cd cert\ntouch openssl.cnf gen.sh'), file('openssl.cnf', '[ req ]\ndistinguished_name = dn\n[ dn ]', 'ini'), sh('ls')].join('\n'));
    expect(rules(report)).toEqual([]);
    expect(report.steps[1]!.reason).toMatch(/^wrote `cert\/openssl\.cnf`/);
  });
});
