import rule from '../../../src/check/rules/code/shell-malformed-url.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'a well-formed URL', code: 'curl -X POST http://localhost:8444/cdc -d @task.json', lang: 'bash' },
    { name: 'quoted, in a flag value, with https', code: 'milvus_backup --endpoint="https://example.com:443" create', lang: 'bash' },
    { name: 'a scheme-like word that is no address', code: 'echo http: is the scheme', lang: 'bash' },
    { name: 'in a comment', code: '# see http:/docs\ncurl http://localhost:9091/healthz', lang: 'bash' },
    { name: 'in a here-document body (a YAML key)', code: 'cat <<EOF > ingress.yaml\n- http:\n    paths: []\nEOF', lang: 'bash' },
    { name: 'in output', code: 'Fetching http:/broken', lang: 'bash', role: 'output' },
  ],
  invalid: [
    {
      name: 'the corpus defect: `_` between the scheme and the slashes',
      code: 'curl -X POST http:_//localhost:8444/cdc \\\n  -H "Content-Type: application/json"',
      lang: 'bash',
      errors: [{ messageId: 'malformed', line: 1, column: 14, message: 'Unexpected `http:_//localhost:8444/cdc`, expected `http://` followed by the host' }],
    },
    {
      name: 'one slash, in a flag value on a continuation line',
      code: 'helm install my-release milvus/milvus \\\n  --set externalS3.endpoint=https:/s3.amazonaws.com',
      lang: 'bash',
      errors: [{ messageId: 'malformed', line: 2, column: 29, message: 'expected `https://`' }],
    },
  ],
});
