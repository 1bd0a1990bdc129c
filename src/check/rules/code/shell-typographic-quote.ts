/**
 * shell/typographic-quote: “ ” ‘ ’ „ « » outside ASCII-quoted strings are ordinary characters to the
 * shell, so a value "quoted" with them keeps the quotes (or breaks the command). Comments and
 * here-document bodies are not concerned.
 */
import type { BlockRule } from '../../types.ts';
import { reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'shell/typographic-quote', description: 'Shell commands use ASCII quotes', severity: 'error', languages: ['shell'], roles: ['command', 'file'] },
  messages: {
    typographic: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'typographic-quote': 'typographic' });
  },
};

export default rule;
