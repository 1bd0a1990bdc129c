/**
 * shell/broken-continuation: `\` followed by spaces at the end of a line escapes a space instead of
 * continuing the command, so the next (indented) line runs as a command of its own.
 */
import type { BlockRule } from '../../types.ts';
import { reportProblems } from './problems.ts';

const rule: BlockRule = {
  meta: { id: 'shell/broken-continuation', description: 'Line continuations end with the backslash', severity: 'error', languages: ['shell'], roles: ['command', 'file'] },
  messages: {
    continuation: 'Unexpected {{found}}, expected {{expected}}',
  },
  check(context) {
    reportProblems(rule, context, { 'broken-continuation': 'continuation' });
  },
};

export default rule;
