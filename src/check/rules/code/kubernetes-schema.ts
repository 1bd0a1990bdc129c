/**
 * kubernetes/schema: a YAML document that is a Kubernetes object (apiVersion + kind) matches its
 * kind's schema: field types, allowed values, required fields, no unknown fields.
 */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'kubernetes/schema', description: 'Kubernetes objects match their kind’s schema', severity: 'error', languages: ['yaml'], roles: PARSED_ROLES },
  messages: {
    schema: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'kubernetes-schema': 'schema' });
  },
};

export default rule;
