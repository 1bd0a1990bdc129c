/**
 * kubernetes/unchecked-kind: a Kubernetes object whose kind has no known schema (a CRD we do not
 * ship, a templated manifest) is said to be unchecked, never silently passed.
 */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'kubernetes/unchecked-kind', description: 'Kubernetes objects without a known schema are flagged as unchecked', severity: 'info', languages: ['yaml'], roles: PARSED_ROLES },
  messages: {
    unchecked: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'kubernetes-unchecked': 'unchecked' });
  },
};

export default rule;
