/**
 * shell/heredoc: a here-document (`<<EOF`) ends with its delimiter alone on a line; an indented or
 * space-trailed delimiter does not end it, and everything after becomes its body.
 */
import type { BlockRule } from '../../types.ts';
import { reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'shell/heredoc', description: 'Here-documents are closed', severity: 'error', languages: ['shell'], roles: ['command', 'file'] },
  messages: {
    unterminated: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'unterminated-heredoc': 'unterminated' });
  },
};

export default rule;
