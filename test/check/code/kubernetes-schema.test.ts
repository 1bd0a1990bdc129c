import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/check/rules/code/kubernetes-schema.ts';
import { ruleTester } from './rule-tester.ts';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8').replace(/\n$/, '');

const INGRESS_HEAD = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: milvus-demo\nspec:\n  rules:\n    - host: milvus-demo.milvus.io\n      http:\n        paths:\n          - path: /\n';

ruleTester(rule, {
  valid: [
    { name: 'the English Layer-7 Ingress (annotations are a free map)', code: fixture('en-aws-layer7-ingress.yaml'), lang: 'yaml' },
    {
      name: 'GKE BackendConfig (de gcp_layer7)',
      code: 'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: my-release-backendconfig\n  namespace: default\nspec:\n  healthCheck:\n    port: 9091\n    requestPath: /healthz\n    type: HTTP',
      lang: 'yaml',
    },
    {
      name: 'GKE ManagedCertificate (de gcp_layer7)',
      code: 'apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata:\n  name: my-release-milvus-tls\nspec:\n  domains:\n    - my-release.milvus.io',
      lang: 'yaml',
    },
    {
      name: 'a Deployment with labels, quantities and an int-or-string port',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            limits:\n              cpu: 500m\n              memory: 1Gi\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http',
      lang: 'yaml',
    },
    { name: 'docker-compose is not a Kubernetes object', code: "version: '3.5'\nservices:\n  etcd:\n    image: quay.io/coreos/etcd:v3.5.5\n    ports:\n      - \"2379:2379\"", lang: 'yaml' },
    { name: 'Helm values are not a Kubernetes object', code: 'cluster:\n  enabled: true\nservice:\n  type: ClusterIP\n  port: 19530', lang: 'yaml' },
    { name: 'an object with an unknown kind is not schema-checked (see kubernetes/unchecked-kind)', code: 'apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: my-release\nspec:\n  anything: [1, 2]', lang: 'yaml' },
    { name: 'output is never validated', code: 'apiVersion: v1\nkind: Service\nspec:\n  ports: 7', lang: 'yaml', role: 'output' },
  ],
  invalid: [
    {
      name: 'Ingress: a number as pathType',
      code: `${INGRESS_HEAD}            pathType: 7\n            backend:\n              service:\n                name: milvus-demo\n                port:\n                  number: 19530`,
      lang: 'yaml',
      errors: [
        {
          messageId: 'schema',
          line: 11,
          column: 23,
          message: 'Unexpected `7` (integer) at `spec.rules[0].http.paths[0].pathType`, expected one of `Exact`, `ImplementationSpecific`, `Prefix` (Ingress schema)',
        },
      ],
    },
    {
      name: 'Ingress: a quoted port number, and the v1beta1 `servicePort` field',
      code: `${INGRESS_HEAD}            pathType: Prefix\n            backend:\n              service:\n                name: milvus-demo\n                port:\n                  number: "19530"\n                  servicePort: 19530`,
      lang: 'yaml',
      errors: [
        { messageId: 'schema', line: 16, column: 27, message: 'Unexpected `"19530"` (string) at `spec.rules[0].http.paths[0].backend.service.port.number`, expected an integer' },
        { messageId: 'schema', line: 17, column: 19, message: 'Unexpected unknown field `servicePort` in `spec.rules[0].http.paths[0].backend.service.port`, expected one of its fields: `name`, `number`' },
      ],
    },
    {
      name: 'Ingress: a path without its required pathType',
      code: `${INGRESS_HEAD}            backend:\n              service:\n                name: milvus-demo\n                port:\n                  number: 19530`,
      lang: 'yaml',
      errors: [{ messageId: 'schema', line: 10, column: 13, message: 'Unexpected missing `pathType` in `spec.rules[0].http.paths[0]`, expected a `pathType` field (required)' }],
    },
    {
      name: 'Ingress flattened but still valid YAML: the fields land at the top level',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: milvus-demo\nspec:\ningressClassName: alb\nrules:\n- host: milvus-demo.milvus.io',
      lang: 'yaml',
      errors: [
        { messageId: 'schema', line: 6, column: 1, message: 'Unexpected unknown field `ingressClassName` in the object, expected one of its fields: `apiVersion`, `kind`, `metadata`, `spec`, `status`; is it meant to be indented under `spec:`, which is left empty?' },
        { messageId: 'schema', line: 7, column: 1, message: 'unknown field `rules`' },
      ],
    },
    {
      name: 'ManagedCertificate: `domain` for `domains`',
      code: 'apiVersion: networking.gke.io/v1\nkind: ManagedCertificate\nmetadata:\n  name: my-release-milvus-tls\nspec:\n  domain:\n    - my-release.milvus.io',
      lang: 'yaml',
      errors: [{ messageId: 'schema', line: 6, column: 3, message: 'Unexpected unknown field `domain` in `spec`, expected `domains` (did you mean it?)' }],
    },
    {
      name: 'BackendConfig: a port that is not a number',
      code: 'apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: my-release-backendconfig\nspec:\n  healthCheck:\n    port: http\n    requestPath: /healthz',
      lang: 'yaml',
      errors: [{ messageId: 'schema', line: 7, column: 11, message: 'Unexpected `"http"` (string) at `spec.healthCheck.port`, expected an integer (BackendConfig schema)' }],
    },
    {
      name: 'the second object of a multi-document block',
      code: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: milvus\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: milvus\nspec:\n  type: ClusterIP\n  ports:\n    - port: 19530\n      protocol: TCPP',
      lang: 'yaml',
      errors: [{ messageId: 'schema', line: 14, column: 17, message: 'at `spec.ports[0].protocol`, expected one of `SCTP`, `TCP`, `UDP`' }],
    },
  ],
});
