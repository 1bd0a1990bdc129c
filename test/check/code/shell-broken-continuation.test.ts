import rule from '../../../src/check/rules/code/shell-broken-continuation.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'backslashes at the very end of the lines', code: 'helm install ingress-nginx ingress-nginx/ingress-nginx \\\n    --create-namespace \\\n    --namespace $NAMESPACE', lang: 'bash' },
    { name: 'trailing spaces without a backslash', code: 'aws acm import-certificate --certificate fileb://Certificate.pem  \nkubectl get pods   ', lang: 'bash' },
    { name: 'an escaped space inside a word', code: 'cd My\\ Documents\nls', lang: 'bash' },
    { name: '`\\ ` at the end of the last line', code: 'echo done \\ ', lang: 'bash' },
    { name: '`\\ ` in a quoted string', code: "echo 'a \\  \n  b'", lang: 'bash' },
    { name: 'output is never parsed', code: 'line one \\  \n  line two', lang: 'bash', role: 'output' },
  ],
  invalid: [
    {
      name: 'the en azure/ingress.md case: `\\` then two spaces before an indented `--set`',
      code: 'helm install ingress-nginx ingress-nginx/ingress-nginx \\\n    --create-namespace \\\n    --set controller.service.annotations."service\\.beta\\.kubernetes\\.io/azure-dns-label-name"=$DNS_LABEL \\  \n    --set controller.service.annotations."service\\.beta\\.kubernetes\\.io/azure-load-balancer-health-probe-request-path"=/healthz',
      lang: 'bash',
      errors: [
        {
          messageId: 'continuation',
          line: 3,
          column: 106,
          message: 'Unexpected `\\` followed by 2 trailing spaces, which ends the command at this line, expected `\\` as the last character of the line, so that line 9 continues the command',
        },
      ],
    },
    {
      name: 'a tab after the backslash, next line starting with an option',
      code: 'aws acm import-certificate --certificate fileb://Certificate.pem \\\t\n--private-key fileb://PrivateKey.pem',
      lang: 'bash',
      errors: [{ messageId: 'continuation', line: 1, column: 66, message: '1 trailing space,' }],
    },
  ],
});
