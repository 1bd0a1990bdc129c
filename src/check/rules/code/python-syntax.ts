/**
 * python/syntax: Python blocks parse (Lezer), with what Lezer tolerates but Python rejects: strings
 * that never close, typographic quotes as code, unexpected indentation, Python 2 `print x`.
 */
import type { BlockRule } from '../../types.ts';
import { PARSED_ROLES, reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'python/syntax', description: 'Python blocks parse', severity: 'error', languages: ['python'], roles: PARSED_ROLES },
  messages: {
    syntax: 'Unexpected {{found}}, expected {{expected}}',
    string: 'Unexpected {{found}}, expected {{expected}}',
    indentation: 'Unexpected {{found}}, expected {{expected}}',
    typographic: 'Unexpected {{found}}, expected {{expected}}',
    print: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { syntax: 'syntax', 'unterminated-string': 'string', indentation: 'indentation', 'typographic-quote': 'typographic', 'python2-print': 'print' });
  },
};

export default rule;
