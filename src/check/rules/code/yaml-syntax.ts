/** yaml/syntax: every YAML document of a block parses; the report points at the first line where the structure breaks. */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'yaml/syntax', description: 'YAML blocks parse', severity: 'error', languages: ['yaml'], roles: PARSED_ROLES },
  messages: {
    syntax: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { syntax: 'syntax' });
  },
};

export default rule;
