/** yaml/duplicate-key: a key appears once per mapping (YAML parsers keep only one of them, silently). */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'yaml/duplicate-key', description: 'YAML mappings have unique keys', severity: 'error', languages: ['yaml'], roles: PARSED_ROLES },
  messages: {
    duplicate: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'duplicate-key': 'duplicate' });
  },
};

export default rule;
