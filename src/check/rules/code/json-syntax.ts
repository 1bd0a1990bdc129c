/**
 * json/syntax: JSON blocks parse. A block that is not JSON but reads as a JavaScript object literal
 * (unquoted keys, single quotes, comments) is a warning, not an error.
 */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'json/syntax', description: 'JSON blocks parse', severity: 'error', languages: ['json'], roles: PARSED_ROLES },
  messages: {
    syntax: 'Unexpected {{found}}, expected {{expected}}',
    lenient: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { syntax: 'syntax', 'not-strict-json': 'lenient' });
  },
};

export default rule;
