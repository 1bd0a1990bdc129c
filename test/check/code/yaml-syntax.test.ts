import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/check/rules/code/yaml-syntax.ts';
import { ruleTester } from './rule-tester.ts';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8').replace(/\n$/, '');

ruleTester(rule, {
  valid: [
    { name: 'the English Layer-7 Ingress', code: fixture('en-aws-layer7-ingress.yaml'), lang: 'yaml' },
    { name: 'a sequence level with its key', code: 'rules:\n- host: a\n  http:\n    paths:\n    - path: /', lang: 'yml' },
    {
      name: 'a Helm template: actions are blanked before parsing',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "milvus.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}',
      lang: 'yaml',
    },
    {
      name: 'docker-compose with `......` elisions',
      code: "version: '3.5'\n\nservices:\n  etcd:\n    ......\n\n  standalone:\n    container_name: milvus-standalone\n    ......\n    volumes:\n      - ${DOCKER_VOLUME_DIRECTORY:-.}/volumes/milvus:/var/lib/milvus",
      lang: 'yaml',
    },
    { name: '`...` elision lines', code: '# set in configs/milvus.yaml\n...\nqueryNode:\n  mmap:\n    mmapEnabled: true\n....', lang: 'yaml' },
    { name: '`{placeholder}` values', code: 'source:\n  milvus2x:\n    endpoint: {milvus2x_domain}:{milvus2x_port}\n    username: xxxx', lang: 'yaml' },
    {
      name: 'a here-document wrapper around the YAML',
      code: 'cat <<EOF | kubectl apply -f -\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ebs-gp3-sc\nprovisioner: ebs.csi.aws.com\nEOF',
      lang: 'yaml',
    },
    { name: 'several documents', code: 'a: 1\n---\nb: 2\n---\n', lang: 'yaml' },
    { name: 'output is never parsed', code: 'status:\n  phase: [Running\n  x: }', lang: 'yaml', role: 'output' },
  ],
  invalid: [
    // Found by fuzzing: these four told the parser's own sentence instead of what to write.
    {
      name: 'a line read as a key without a value',
      code: 'apiVersion: v1\n\\\nkind: Pod',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 2, column: 1, message: 'Unexpected `\\` read as a key without a value, expected a `:` after the key (`key: value`), or the line joined to the one above' }],
    },
    {
      name: 'a `{` that never closes, at the end of its line',
      code: 'etcd:\n  enabled: false\n{{',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 3, column: 2, message: 'Unexpected `{` opening a `{…}` mapping that never closes, expected a closing `}` (or the text in quotes)' }],
    },
    {
      name: 'an anchor without a name',
      code: 'ports: &\t"9091:9091"',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 1, column: 8, message: 'Unexpected `&` without an anchor name, expected a name after `&` (`&name value`), or the value in quotes' }],
    },
    {
      name: 'a mapping as a value on its key\'s line',
      code: 'metadata:\n  name: x\n  labels: kind: Foo',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 3, column: 11, message: 'Unexpected `kind: Foo` as the value of `labels:`, on the same line, expected the nested mapping on its own lines, indented under `labels:` (or the value in quotes)' }],
    },
    {
      name: 'a key holding backticks shown as readable code (found by fuzzing: the message had unbalanced backticks)',
      code: 'a:\n  b: 1\n `c`: 2',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 3, column: 2, message: 'Unexpected `` `c`: 2 `` at column 2, expected the same column as the other keys of its mapping' }],
    },
    {
      name: 'ru Ingress: the first line where the indentation under `spec:` is lost',
      code: fixture('ru-aws-layer7-ingress.yaml'),
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 14, column: 1, message: 'Unexpected `ingressClassName:` at column 1, level with `spec:` (line 18), which is left empty, expected `ingressClassName:` indented under `spec:`; the lines from here on lost their indentation (the parser fails at line 20)' }],
    },
    {
      name: 'en Pod of configure-querynode-localdisk: the first flattened key, not the parser’s later error',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\nname: ubuntu\nspec:\ncontainers:\n- name: ubuntu\n    image: ubuntu:latest\n    command: ["sleep", "86400"]',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 4, column: 1, message: '`name:` at column 1, level with `metadata:` (line 8)' }],
    },
    {
      name: 'a list started on the line of its key',
      code: 'spec:\n  rules: - host: milvus-demo.milvus.io',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 2, column: 10, message: 'Unexpected `- ` starting a list on the same line as `rules:`, expected the list item on its own line' }],
    },
    {
      name: 'keys of one mapping at different columns (en operator.md)',
      code: "resources:\n   limits:\n    cpu: '2'\n  requests:\n    cpu: 100m",
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 4, column: 3, message: 'Unexpected `requests:` at column 3, expected the same column as the other keys of its mapping' }],
    },
    {
      name: 'a string that never closes: reported at its opening quote',
      code: 'metadata:\n  name: "milvus-demo\n  namespace: milvus',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 2, column: 9, message: 'Unexpected `"` opening a string that never closes, expected a closing `"`' }],
    },
    {
      name: 'a tab in the indentation',
      code: 'metadata:\n\tname: milvus-demo',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 2, column: 1, message: 'Unexpected tab in the indentation, expected spaces' }],
    },
    {
      name: 'an error in the second document',
      code: 'a: 1\n---\nb: [1, 2\nc: 3',
      lang: 'yaml',
      errors: [{ messageId: 'syntax', line: 4, column: 1 }],
    },
  ],
});
