/**
 * shell/malformed-url: a word that starts an http(s), ws(s) or ftp URL must go on with `//` and
 * the host. `http:_//localhost:8444/cdc` or `http:/localhost` still "parses" as a URL (the WHATWG
 * parser recovers), but the request goes to another host or none.
 */
import type { ShellAnalysis } from '../../languages/shell.ts';
import type { BlockRule } from '../../types.ts';

/** A special scheme not followed by `//`, then what a mangled address starts with. */
const MALFORMED = /^(https?|wss?|ftp):(?!\/\/)[\w[/\\.-]/i;

const rule: BlockRule = {
  meta: { id: 'shell/malformed-url', description: 'URLs in commands have `//` after the scheme', severity: 'error', languages: ['shell'], roles: ['command', 'file', 'snippet'] },
  messages: {
    malformed: 'Unexpected `{{found}}`, expected `{{scheme}}://` followed by the host',
  },
  check(context) {
    const analysis = context.analysis as ShellAnalysis;
    if (analysis.skipped !== null) return;
    const lines = context.block.text.split('\n');
    for (const command of analysis.commands) {
      for (const word of command.words) {
        // `--endpoint=http:/host` as well as a bare URL.
        const url = MALFORMED.test(word) ? word : word.includes('=') ? word.slice(word.indexOf('=') + 1) : null;
        const match = url === null ? null : MALFORMED.exec(url);
        if (!match) continue;
        const place = locate(lines, url!, command.line, command.endLine) ?? { line: command.line, column: command.column };
        context.report({ messageId: 'malformed', data: { found: url!, scheme: match[1]!.toLowerCase() }, ...place });
      }
    }
  },
};

/** Where the word's text first appears in the command's lines (quotes resolved words usually appear as written). */
function locate(lines: string[], text: string, fromLine: number, toLine: number): { line: number; column: number } | null {
  for (let line = fromLine; line <= toLine && line <= lines.length; line++) {
    const column = lines[line - 1]!.indexOf(text);
    if (column !== -1) return { line, column: column + 1 };
  }
  return null;
}

export default rule;
