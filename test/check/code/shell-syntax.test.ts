import { describe, expect, it } from 'vitest';
import { adapterFor, analyzeBlock } from '../../../src/check/languages/index.ts';
import rule from '../../../src/check/rules/code/shell-syntax.ts';
import { blockFromCode, ruleTester } from './rule-tester.ts';

const KUBECTL_TABLE =
  'NAME          CLASS   HOSTS                   ADDRESS                                                                PORTS   AGE\nmilvus-demo   alb     milvus-demo.milvus.io   k8s-milvus-milvusde-2f72215c02-778371620.us-east-2.elb.amazonaws.com   80      10m';

/** `echo "$(echo "$(echo …` 10,000 deep. */
const DEEP_BLOCK = `echo ${'"$(echo '.repeat(10_000)}x${')"'.repeat(10_000)}`;
/** 5,000 valid commands, 180 kB: more than sh-syntax's WebAssembly can read (quoted, so the parser reads them). */
const LARGE_BLOCK = Array.from({ length: 5_000 }, (_, index) => `openssl rand -hex 8 -out "r${index}.txt"`).join('\n');
/** The same without quotes: plain words only, which need no parser. */
const LARGE_PLAIN_BLOCK = LARGE_BLOCK.replaceAll('"', '');

/** The info on a block the shell parser's WebAssembly fails on (it counts kB of ASCII text). */
function notChecked(code: string) {
  return {
    messageId: 'syntax',
    line: 1,
    column: 1,
    severity: 'info' as const,
    message: `Unexpected a block of ${Math.round(code.length / 1024)} kB, on which the shell parser failed (memory access out of bounds), expected a block the shell parser can read (this one was not checked)`,
  };
}

ruleTester(rule, {
  valid: [
    {
      name: 'harmless trailing spaces after the last argument (ru aws_layer7)',
      code: '# If the import-certificate command is successful, it returns the arn of the imported certificate.\naws acm import-certificate --certificate fileb://Certificate.pem \\\n      --certificate-chain fileb://CertificateChain.pem \\\n      --private-key fileb://PrivateKey.pem  ',
      lang: 'bash',
    },
    { name: '<placeholder> arguments are words, not redirections', code: 'curl -H "Authorization: Bearer <your-token>" http://<YOUR_HOST>:19530/v2/vectordb/collections/list\nmilvus-backup create -n <backup_name>', lang: 'bash' },
    { name: '${VAR} placeholders', code: 'export MILVUS_HOST=localhost\ncurl "http://${MILVUS_HOST}:19530/healthz"', lang: 'shell' },
    { name: 'kubectl table output (role output) is never parsed', code: KUBECTL_TABLE, lang: 'shell', role: 'output' },
    { name: 'an output block with a lone quote is never parsed', code: "Don't panic: it's 'fine", lang: 'bash', role: 'output' },
    { name: 'prompts: lines without `$ ` are output', code: "$ kubectl get pods\nNAME       READY   STATUS\nmilvus-0   1/1     Running (it's up\n$ helm list", lang: 'bash' },
    { name: 'a prompt line continued by an open quote', code: '$ curl -X POST "http://${MILVUS_URI}/v2/vectordb/collections/list" \\\n-H "Content-Type: application/json" \\\n-d \'{\n    "dbName": "default"\n}\'\n\n# {\n#   "code": 0\n# }', lang: 'shell' },
    { name: 'a JSON body in quotes', code: 'curl -X POST http://localhost:19530/v2/vectordb/entities/insert \\\n  -d \'{"collectionName": "demo", "data": [{"id": 1, "vector": [0.1, 0.2]}]}\'', lang: 'bash' },
    { name: 'JSON output pasted after the command', code: 'aws iam get-policy --policy-arn $policy_arn\n# An example output is as follows\n{\n    "Policy": {\n        "PolicyName": "MilvusS3ReadWrite",\n        [...]\n    }\n}', lang: 'bash' },
    { name: 'a closed here-document', code: 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: milvus\nEOF', lang: 'bash' },
    { name: 'Python code marked as shell is not parsed as shell', code: "from huggingface_hub import login\nhf_token = userdata.get('HF_TOKEN')\nlogin(token = hf_token, add_to_git_credential=True)", lang: 'shell' },
    { name: 'another program’s session (birdwatcher)', code: 'Offline > connect --etcd ip:port\nMilvus(by-dev) > show session          # List all nodes with their server ID', lang: 'shell' },
    { name: 'a usage synopsis', code: 'connect [-uri (text)] [-t (text)]', lang: 'shell' },
    { name: 'loops, conditionals, functions, substitutions', code: 'for i in 1 2 3; do\n  echo "$i"\ndone\nif [ -f x ]; then rm -f x; fi\ncount=$(kubectl get pods | wc -l)\nf() { echo "$@"; }', lang: 'bash' },
    { name: 'a shell file named by its fence', code: 'set -e\nhelm repo update', lang: 'bash', meta: 'title="install.sh"' },
    { name: '5,000 commands of plain words, 170 kB: nothing the parser could fault, so it is not asked', code: LARGE_PLAIN_BLOCK, lang: 'bash' },
  ],
  invalid: [
    {
      name: 'a block too large for the shell parser (its WebAssembly fails): an info that it was not checked, not a syntax error',
      code: LARGE_BLOCK,
      lang: 'bash',
      errors: [notChecked(LARGE_BLOCK)],
    },
    {
      name: 'shell nested 10,000 deep: the shell parser cannot read it, an info (the check used to crash on such nesting)',
      code: DEEP_BLOCK,
      lang: 'bash',
      errors: [notChecked(DEEP_BLOCK)],
    },
    {
      name: 'a single quote that never closes',
      code: "helm upgrade my-release milvus/milvus --set 'extraConfigFiles.user\\.yaml=common:\n  security:",
      lang: 'bash',
      errors: [{ messageId: 'quote', line: 1, column: 45, message: "Unexpected `'` opening a string that never closes, expected a closing `'` before the end of the command" }],
    },
    {
      name: 'a backtick that never closes, which the parser quotes as "`" (found by fuzzing: the message had unbalanced backticks)',
      code: 'echo `hello',
      lang: 'bash',
      errors: [{ messageId: 'quote', line: 1, column: 6, message: 'Unexpected `` ` `` opening a string that never closes, expected a closing `` ` `` before the end of the command' }],
    },
    {
      name: 'a double quote that never closes',
      code: 'kubectl annotate svc milvus "cloud.google.com/neg={"ingress": true}',
      lang: 'shell',
      errors: [{ messageId: 'quote', line: 1, column: 60, message: 'Unexpected `"` opening a string that never closes' }],
    },
    {
      name: 'a command substitution that never closes',
      code: 'export POD=$(kubectl get pods -l app=milvus -o name\necho $POD',
      lang: 'bash',
      errors: [{ messageId: 'bracket', line: 1, column: 12, message: 'Unexpected `$(` that is never closed, expected a matching `)`' }],
    },
    {
      name: 'a pipe with no command after it',
      code: 'kubectl get pods |',
      lang: 'bash',
      errors: [{ messageId: 'syntax', line: 1, column: 18, message: 'Unexpected `|` with nothing usable after it' }],
    },
    {
      name: 'an unquoted parenthesis in a command',
      code: 'python -c print("hello")',
      lang: 'bash',
      errors: [{ messageId: 'syntax', line: 1, column: 16 }],
    },
  ],
});

describe('output blocks are read as text', () => {
  it('uses the text adapter for output, whatever the language', async () => {
    const { block } = blockFromCode(KUBECTL_TABLE, 'shell');
    expect(block.role).toBe('output');
    expect(adapterFor(block).language).toBe('text');
    const analysis = await analyzeBlock(block);
    expect(analysis.problems).toEqual([]);
    expect(analysis.meaning).toEqual(KUBECTL_TABLE.split('\n'));
  });
});
