import { VFileMessage } from 'vfile-message';
import { printableLine } from '../check/reporters/printable.ts';

/**
 * `file:line:column: error: reason (rule)` for an input the command could not use; `shownPath`
 * (the path as the user gave it) replaces the absolute one the reader knew it by. Control
 * characters from the file (or its name) are shown as visible ones (see printable.ts).
 */
export function formatSourceError(error: Error, shownPath?: string): string {
  if (error instanceof VFileMessage) return formatMessage(error, 'error', shownPath);
  const path = shownPath ?? (error as { path?: string }).path;
  return printableLine(`${path ? `${path}: ` : ''}error: ${error.message}`);
}

/**
 * `file:line:column: warning: reason (rule)` for what reading a file that was used noticed: a
 * warning (vfile's `fatal: false`) or a note (`fatal` unset), never an error.
 */
export function formatParseMessage(message: VFileMessage, shownPath?: string): string {
  return formatMessage(message, message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note', shownPath);
}

function formatMessage(message: VFileMessage, label: string, shownPath?: string): string {
  const place = message.line ? `:${message.line}:${message.column ?? 1}` : '';
  return printableLine(`${shownPath ?? message.file ?? ''}${place}: ${label}: ${message.reason}${message.ruleId ? ` (${message.ruleId})` : ''}`);
}
