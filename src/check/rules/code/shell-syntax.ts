/** shell/syntax: commands parse as bash (mvdan/sh): balanced quotes and brackets, complete operators. */
import type { BlockRule } from '../../types.ts';
import { reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'shell/syntax', description: 'Shell commands parse', severity: 'error', languages: ['shell'], roles: ['command', 'file'] },
  messages: {
    quote: 'Unexpected {{found}}, expected {{expected}}',
    bracket: 'Unexpected {{found}}, expected {{expected}}',
    syntax: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'unbalanced-quote': 'quote', 'unbalanced-bracket': 'bracket', syntax: 'syntax' });
  },
};

export default rule;
