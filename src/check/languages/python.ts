/**
 * Python: parsed with @lezer/python. Lezer recovers from errors and marks them with `⚠` nodes; we
 * report the first one, plus what Lezer accepts but Python does not: strings that never close,
 * typographic quotes used as code, an indented line where none is allowed, Python 2 `print x`.
 *
 * Blocks written as an interactive session (`>>> `, `... `) keep only their input lines; notebook
 * magics and shell prompts (`!pip`, `%pip`, `$ pip`) are blanked. A block that does not parse and
 * is shell commands or printed output is not reported on (`skipped` says why); elisions (`...`
 * lines, `, ...` in brackets) are tried as blanks before an error is reported.
 *
 * The meaning of a block is a canonical string of its syntax tree: node names, and the text of
 * every token, without whitespace and comments, one token per line (`VariableName:"host"`, a
 * token's text being JSON, never holds a line feed). Re-indenting a call's arguments keeps the
 * meaning; renaming an identifier changes it.
 */
import { parser } from '@lezer/python';
import { codeInMessage } from '../../core/code-in-message.ts';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { CodeStep } from '../../core/model.ts';
import type { Analysis, CodeProblem, LanguageAdapter } from '../types.ts';
import { KNOWN_COMMANDS, TYPOGRAPHIC_QUOTES } from './common.ts';
import { textMeaning } from './text.ts';
import { pointOfOffset as locate, textLineStarts as lineStartsOf } from '../../core/text-lines.ts';

export interface PythonAnalysis extends Analysis {
  /** The canonical syntax tree; the block's lines when it was skipped; null when it does not parse. */
  meaning: string | string[] | null;
  /** True when the block is an interactive session: output lines were not parsed. */
  interactive: boolean;
  /** Why the block was not checked although marked as Python (shell commands, output, a fragment); its meaning is then its lines. */
  skipped: string | null;
}

const REPL_PROMPT = /^([ \t]*)(>>>|\.\.\.)( |$)/;

/** `!pip install x`, `%pip install x`, `%%capture`: notebook magics; `$ pip install x`: a shell prompt. */
const NOT_PYTHON_LINE = /^[ \t]*(?:[!%]|\$ )/;

/**
 * Blanks what is not Python but guides write in Python blocks, keeping every other character in
 * place: notebook magics and shell prompts (`!pip …`, `%pip …`, `$ pip …`), and in an interactive
 * session the `>>> ` prompts and the output lines.
 */
export function preparePython(text: string): { source: string; interactive: boolean } {
  const lines = text.split('\n');
  const interactive = lines.some((line) => /^[ \t]*>>>( |$)/.test(line));
  const source = lines
    .map((line) => {
      if (interactive) {
        const prompt = REPL_PROMPT.exec(line);
        if (!prompt) return ' '.repeat(line.length);
        line = ' '.repeat(prompt[0].length) + line.slice(prompt[0].length);
      }
      return NOT_PYTHON_LINE.test(line) ? line.replace(/[^\s]/g, ' ') : line;
    })
    .join('\n');
  return { source, interactive };
}



const STRING_PREFIX = /^[rRbBuUfF]{0,2}/;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The innermost bracket still open at `offset`, from the tree's bracket tokens. */
function openBracketAt(tree: Tree, offset: number): { char: string; from: number } | null {
  const stack: Array<{ char: string; from: number }> = [];
  tree.iterate({
    enter(node) {
      if (node.from >= offset) return false;
      const name = node.name;
      if (name === '(' || name === '[' || name === '{') stack.push({ char: name, from: node.from });
      else if ((name === ')' || name === ']' || name === '}') && stack.length > 0) stack.pop();
      return undefined;
    },
  });
  return stack.at(-1) ?? null;
}

function hasStatement(body: SyntaxNode): boolean {
  for (let child = body.firstChild; child; child = child.nextSibling) if (child.type.is('Statement')) return true;
  return false;
}

/** Whether a string token lacks its closing quote (Lezer accepts `'abc` up to the end of the line). */
function unterminated(body: string, quote: string): boolean {
  if (body.length < quote.length * 2 || !body.endsWith(quote)) return true;
  const inner = body.slice(quote.length, body.length - quote.length);
  const backslashes = /\\*$/.exec(inner)![0].length;
  return backslashes % 2 === 1;
}

function explainError(node: SyntaxNode, source: string, tree: Tree, starts: number[]): CodeProblem {
  const lineEnd = source.indexOf('\n', node.from);
  const line = source.slice(node.from, lineEnd === -1 ? source.length : lineEnd);
  // Shown up to its line's end: the message names the line, and an error node may run past it.
  const covered = source.slice(node.from, Math.min(node.to, node.from + line.length));
  // An empty error node, or one over the white space before a token (`           break`): the
  // token is what the parser could not take, and the finding is placed on it.
  const onToken = covered.trim() !== '';
  const from = onToken ? node.from : node.from + /^[ \t]*/.exec(line)![0].length;
  const at = locate(starts, from);
  const rest = source.slice(from, lineEnd === -1 ? source.length : lineEnd);
  const token = onToken ? covered : (/^\S+/.exec(rest)?.[0] ?? '');
  const found = token ? codeInMessage(token.length > 30 ? `${token.slice(0, 29)}…` : token) : rest.trim() === '' ? 'end of the line' : 'end of the code';
  const parent = node.parent;
  if (parent?.name === 'Body' && !hasStatement(parent)) return { ...at, kind: 'syntax', found, expected: 'an indented block after `:`' };
  const open = openBracketAt(tree, node.from);
  if (open && (rest.trim() === '' || node.from >= source.length)) {
    const opened = locate(starts, open.from);
    return { ...at, kind: 'syntax', found: `${found} with \`${open.char}\` from line ${opened.line} still open`, expected: `a closing \`${CLOSERS[open.char]}\`` };
  }
  if (open) return { ...at, kind: 'syntax', found, expected: `\`,\` or a closing \`${CLOSERS[open.char]}\` (the \`${open.char}\` of line ${locate(starts, open.from).line} is open)` };
  return { ...at, kind: 'syntax', found, expected: 'a complete Python statement' };
}

const TYPOGRAPHIC = new RegExp(`[${Object.keys(TYPOGRAPHIC_QUOTES).join('')}]`);

/**
 * One walk over the tree: the canonical form of the code (node names, token texts; no comments, no
 * whitespace) and the problems Lezer does not flag itself.
 */
function inspect(source: string): { problems: CodeProblem[]; tree: Tree; canonical: string } {
  const tree = parser.parse(source);
  const starts = lineStartsOf(source);
  const problems: CodeProblem[] = [];
  const parts: string[] = [];
  const hasTypographic = TYPOGRAPHIC.test(source);
  const typographicLines = new Set<number>();
  let firstError: SyntaxNode | null = null;
  let indentationReported = false;
  /**
   * The columns of the blocks open at the last statement that started a line, innermost last (the
   * indentation stack of Python's tokenizer). After a bad indent Lezer closes the block and reads
   * the line as the script's, whose column is not the one the reader broke.
   */
  const levels: number[] = [];
  /** Names and starts of the nodes above the cursor, and the column of each block's first statement. */
  const ancestors: Array<{ name: string; from: number; column?: number }> = [];
  const cursor = tree.cursor();

  const visit = (): void => {
    const type = cursor.type;
    const from = cursor.from;
    const to = cursor.to;
    if (type.isError) {
      firstError ??= cursor.node;
      parts.push('⚠');
      return;
    }
    const name = type.name;
    if (name === 'Comment') return;
    if (name === 'String' || name === 'FormatString') {
      const raw = source.slice(from, to);
      const prefix = STRING_PREFIX.exec(raw)![0];
      const body = raw.slice(prefix.length);
      const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
      if ((quote === '"' || quote === "'" || quote.length === 3) && unterminated(body, quote)) {
        problems.push({ ...locate(starts, from), kind: 'unterminated-string', found: `\`${quote}\` opening a string that never closes`, expected: `a closing \`${quote}\`${quote.length === 1 ? ' on the same line' : ''}` });
      }
      parts.push(`${name}:${JSON.stringify(raw)}`);
      return;
    }
    if (name === 'PrintStatement') problems.push({ ...locate(starts, from), kind: 'python2-print', found: 'Python 2 `print` statement', expected: '`print(…)` called as a function' });
    // Every statement that starts a line must start at its block's column.
    const parent = ancestors.at(-1);
    if (parent && (parent.name === 'Script' || parent.name === 'Body') && type.is('Statement')) {
      const at = locate(starts, from);
      if (source.slice(starts[at.line - 1]!, from).trim() === '') {
        let closed = 0;
        while (levels.length > 0 && levels.at(-1)! > at.column) closed = levels.pop()!;
        const enclosing = levels.at(-1) ?? 0;
        // A column the stack already holds is no new indent: the parser only put the line in the
        // wrong block while recovering from an error before it (which is the one reported).
        const newIndent = enclosing < at.column;
        if (newIndent) levels.push(at.column);
        if (parent.column === undefined) {
          parent.column = at.column;
        } else if (at.column > parent.column && newIndent && !indentationReported) {
          indentationReported = true;
          const found = `statement indented to column ${at.column}`;
          if (closed > 0 && enclosing > 0) {
            // Back out of a block, but not as far as the block around it.
            problems.push({ ...at, kind: 'indentation', found, expected: `column ${enclosing} or column ${closed}, the indentation of a block around it (unindent does not match)` });
          } else {
            problems.push({ ...at, kind: 'indentation', found, expected: `column ${enclosing || parent.column}, like the statements before it (unexpected indent)` });
          }
        }
      }
    }
    if (cursor.firstChild()) {
      parts.push(`${name}(`);
      ancestors.push({ name, from });
      do visit();
      while (cursor.nextSibling());
      ancestors.pop();
      cursor.parent();
      parts.push(')');
      return;
    }
    const text = source.slice(from, to);
    parts.push(text === name || text === '' ? name : `${name}:${JSON.stringify(text)}`);
    if (hasTypographic) {
      const match = TYPOGRAPHIC.exec(text);
      if (match) {
        const at = locate(starts, from + match.index);
        if (!typographicLines.has(at.line)) {
          typographicLines.add(at.line);
          const char = match[0];
          problems.push({ ...at, kind: 'typographic-quote', found: `typographic quote \`${char}\` in code`, expected: `ASCII \`${TYPOGRAPHIC_QUOTES[char]}\` (a string must be in ASCII quotes)` });
        }
      }
    }
  };
  visit();

  if (firstError) {
    const error = explainError(firstError, source, tree, starts);
    // `uri=“http://…”`: the parser trips over what follows a typographic quote; the quote is the cause.
    const causedByQuote = problems.some((problem) => problem.kind === 'typographic-quote' && problem.line === error.line && problem.column < error.column);
    // The parser trips over the line an unexpected indent starts: the indent is the one finding.
    const causedByIndent = problems.some((problem) => problem.kind === 'indentation' && problem.line === error.line);
    if (!causedByQuote && !causedByIndent) problems.push(error);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { problems, tree, canonical: parts.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Blocks marked as Python that are not (all) Python

/** `Embeddings: [array(…)]`, `Index: 1`, `Dim 512 (512,)`: printed results. */
const OUTPUT_FIRST_LINE = /^(?:[A-Z][A-Za-z0-9 _-]*:\s+\S|[A-Z][A-Za-z ]* \d+ \(\d+,\s*\d*\)\s*$)/;
const LABEL_LINE = /^[A-Za-z_][\w ]*:[ \t]+\S/;
/** A line that only elides code: `...`, `......`, `…`. */
const ELISION_LINE = /^[ \t]*(?:\.{3,}|…)[ \t]*,?[ \t]*$/;
const INLINE_ELISION = /,[ \t]*(?:\.{3}|…)(?=[ \t]*[\]})])|(?<=[[{(][ \t]*)(?:\.{3}|…)[ \t]*,/g;

function codeLines(source: string): string[] {
  return source.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/** Why a block that fails to parse is not Python to check: shell commands, or printed output. */
function notPythonReason(source: string): string | null {
  const lines = codeLines(source);
  if (lines.length === 0) return null;
  if (lines.every((line) => KNOWN_COMMANDS.has(/^\S+/.exec(line.trim())![0]))) return 'shell commands';
  if (OUTPUT_FIRST_LINE.test(lines[0]!.trim())) return 'output';
  // `distance: 0.72` / `doc_text: The Dartmouth…`: mostly `label: value` lines, as printed results are.
  if (lines.filter((line) => LABEL_LINE.test(line)).length * 2 >= lines.length) return 'output';
  return null;
}

/** The source with elisions blanked (whole lines, and `, ...` inside brackets), or null when it has none. */
function withoutElisions(source: string): string | null {
  let changed = false;
  const out = source
    .split('\n')
    .map((line) => {
      if (ELISION_LINE.test(line)) {
        changed = true;
        return ' '.repeat(line.length);
      }
      return line.replace(INLINE_ELISION, (match) => {
        changed = true;
        return ' '.repeat(match.length);
      });
    })
    .join('\n');
  return changed ? out : null;
}

function analyzePythonText(text: string): PythonAnalysis {
  const { source, interactive } = preparePython(text);
  const first = inspect(source);
  if (first.problems.length === 0) return { problems: [], meaning: first.canonical, tokens: true, interactive, skipped: null };
  const skipped = notPythonReason(source);
  if (skipped) return { problems: [], meaning: textMeaning(text), interactive, skipped };
  const elided = withoutElisions(source);
  if (elided !== null) {
    const retry = inspect(elided);
    if (retry.problems.length === 0) return { problems: [], meaning: retry.canonical, tokens: true, interactive, skipped: null };
    // A fragment cut out of a larger function (`......` then indented code): nothing to check.
    const firstLine = codeLines(elided)[0];
    if (firstLine !== undefined && /^[ \t]/.test(firstLine)) return { problems: [], meaning: textMeaning(text), interactive, skipped: 'a fragment of a larger program' };
  }
  return { problems: first.problems, meaning: null, interactive, skipped: null };
}

export const pythonAdapter: LanguageAdapter & { analyze(text: string, block?: CodeStep): PythonAnalysis } = {
  language: 'python',
  analyze(text: string): PythonAnalysis {
    return analyzePythonText(text);
  },
};

export default pythonAdapter;
