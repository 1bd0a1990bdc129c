import { VFileMessage } from 'vfile-message';

/** `file:line:column: reason (rule)` for an input the command could not use. */
export function formatSourceError(error: Error): string {
  if (error instanceof VFileMessage) {
    const place = error.line ? `:${error.line}:${error.column ?? 1}` : '';
    return `${error.file ?? ''}${place}: error: ${error.reason}${error.ruleId ? ` (${error.ruleId})` : ''}`;
  }
  const path = (error as { path?: string }).path;
  return `${path ? `${path}: ` : ''}error: ${error.message}`;
}
