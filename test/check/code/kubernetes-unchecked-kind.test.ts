import rule from '../../../src/check/rules/code/kubernetes-unchecked-kind.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'a kind with a schema is checked, not reported here', code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: milvus', lang: 'yaml' },
    { name: 'docker-compose has no kind', code: "version: '3.5'\nservices:\n  minio:\n    image: minio/minio", lang: 'yaml' },
    { name: 'output is never validated', code: 'apiVersion: milvus.io/v1beta1\nkind: Milvus', lang: 'yaml', role: 'output' },
  ],
  invalid: [
    {
      name: 'the Milvus operator CRD',
      code: 'apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: my-release\nspec:\n  mode: cluster',
      lang: 'yaml',
      errors: [{ messageId: 'unchecked', line: 2, column: 7, severity: 'info', message: 'Unexpected `milvus.io/v1beta1` `Milvus`, which has no schema here' }],
    },
    {
      name: 'a kind at an apiVersion that does not serve it',
      code: 'apiVersion: networking.k8s.io/v1beta2\nkind: Ingress\nmetadata:\n  name: x',
      lang: 'yaml',
      errors: [{ messageId: 'unchecked', line: 2, column: 7, severity: 'info', message: 'Ingress is served as networking.k8s.io/v1' }],
    },
    {
      name: 'a templated manifest',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}',
      lang: 'yaml',
      errors: [{ messageId: 'unchecked', line: 1, column: 1, severity: 'info', message: 'template expressions' }],
    },
    {
      name: 'each unchecked object of a block',
      code: 'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n---\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c',
      lang: 'yaml',
      errors: [
        { messageId: 'unchecked', line: 2, column: 7, message: '`Issuer`' },
        { messageId: 'unchecked', line: 12, column: 7, message: '`Certificate`' },
      ],
    },
  ],
});
