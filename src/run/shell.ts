/**
 * From a shell block to what the runner may interpret: pipelines of simple commands joined by `;`,
 * newlines, `&&` and `||`, with each word's position. Everything else — loops, conditionals,
 * functions, subshells, background jobs, command substitution — is kept as an `unsupported` item
 * that is reported and never run. No shell is ever started: the words are interpreted by the
 * runner itself.
 *
 * The words come from the guard's shell lexer (src/check/languages/shell.ts: prompts and output
 * lines blanked, `<placeholders>` kept as words, quotes resolved); the syntax check is the guard's
 * real parser (sh-syntax).
 */
import { lexShell, parseShell, prepareShell, type LexResult } from '../check/languages/shell.ts';
import { pointOfOffset as locate, textLineStarts as lineStarts } from '../core/text-lines.ts';
import { lookupTable } from '../core/content-keys.ts';

type Token = LexResult['tokens'][number];

export interface RunWord {
  /** The word with quotes resolved (and, once interpreted, variables expanded). */
  value: string;
  /** 1-based line and column of the word in the block's text. */
  line: number;
  column: number;
  /** Whether any part of it was quoted. */
  quoted: boolean;
  /** The word as written. */
  raw: string;
}

export interface RunRedirect {
  /** `>`, `>>`, `2>`, `<`, `<<`, `<<-`, `&>`… */
  op: string;
  target: RunWord | null;
  heredoc: { body: string; quoted: boolean; closed: boolean } | null;
  line: number;
  column: number;
}

export interface RunCommand {
  /** Leading `NAME=value` assignments. */
  assignments: Array<{ name: string; value: string; word: RunWord }>;
  /** The command's words (after the assignments). */
  words: RunWord[];
  redirects: RunRedirect[];
  line: number;
  column: number;
  /** The source text of the command. */
  text: string;
}

export type ShellItem =
  | { type: 'pipeline'; commands: RunCommand[]; /** How it joins the previous pipeline. */ connector: ';' | '&&' | '||' }
  | { type: 'unsupported'; reason: string; line: number; column: number; text: string; connector: ';' | '&&' | '||' };

export interface ShellPlan {
  items: ShellItem[];
  /** The first syntax error the shell parser found, or null. */
  syntaxError: { message: string; line: number; column: number } | null;
  /** True when the block had prompts (`$ `); output lines were ignored. */
  prompted: boolean;
}

const OPENERS = lookupTable<string>({ if: 'fi', while: 'done', until: 'done', for: 'done', select: 'done', case: 'esac', '{': '}' });
const COMPOUND_NAMES = lookupTable<string>({
  if: 'an `if` conditional',
  while: 'a `while` loop',
  until: 'an `until` loop',
  for: 'a `for` loop',
  select: 'a `select` loop',
  case: 'a `case` statement',
  '{': 'a `{ … }` group',
  '[[': 'a `[[ … ]]` test',
  '((': 'an arithmetic command',
  function: 'a function definition',
  coproc: 'a coprocess',
  '!': 'a negated command',
  time: 'a timed command',
});

/**
 * `birdwatcher_<os>_<arch>.tar.gz`, `https://host/<version>/x`: a `<name>` glued inside a word is a
 * value the reader substitutes, not a redirection (the guard's lexer only knows free-standing ones).
 */
const GLUED_PLACEHOLDER = /(?<=[\w\-./:=@])<([A-Za-z][\w.-]*)>(?=[\w\-./:@"']|\s|$)/g;

/** The guard's preparation, plus placeholders glued inside words (as ranges the lexer keeps in the word). */
function prepare(text: string): ReturnType<typeof prepareShell> {
  const prepared = prepareShell(text);
  const extra: Array<[number, number]> = [];
  for (const match of prepared.source.matchAll(GLUED_PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (prepared.placeholders.some(([from, to]) => start < to && end > from)) continue;
    extra.push([start, end]);
  }
  if (extra.length === 0) return prepared;
  const placeholders = [...prepared.placeholders, ...extra].sort((a, b) => a[0] - b[0]);
  const chars = prepared.parseInput.split('');
  for (const [start, end] of extra) for (let i = start; i < end; i++) chars[i] = '_';
  return { ...prepared, placeholders, parseInput: chars.join('') };
}

export async function planShell(text: string): Promise<ShellPlan> {
  const prepared = prepare(text);
  const lexed = lexShell(prepared.source, prepared.placeholders);
  const syntax = await parseShell(prepared.parseInput);
  const starts = lineStarts(prepared.source);
  const at = (offset: number): { line: number; column: number } => locate(starts, offset);
  const heredocs = new Map(lexed.heredocs.map((doc) => [doc.start, doc]));
  const tokens = lexed.tokens;
  const items: ShellItem[] = [];

  let connector: ';' | '&&' | '||' = ';';
  let pipeline: RunCommand[] = [];
  let current: { words: Token[]; redirects: RunRedirect[]; start: number; end: number } | null = null;
  let problem: { reason: string; start: number } | null = null;

  const toWord = (token: Token): RunWord => ({ value: token.value, ...at(token.start), quoted: token.quoted === true, raw: prepared.source.slice(token.start, token.end) });

  const finishCommand = (): void => {
    if (!current) return;
    const words = current.words.map(toWord);
    const assignments: RunCommand['assignments'] = [];
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!.raw)) {
      const word = words.shift()!;
      const eq = word.value.indexOf('=');
      assignments.push({ name: word.value.slice(0, eq), value: word.value.slice(eq + 1), word });
    }
    const place = at(current.start);
    pipeline.push({ assignments, words, redirects: current.redirects, ...place, text: prepared.source.slice(current.start, current.end).trim() });
    current = null;
  };

  const finishPipeline = (next: ';' | '&&' | '||', end: number): void => {
    finishCommand();
    if (problem) {
      const place = at(problem.start);
      items.push({ type: 'unsupported', reason: problem.reason, ...place, text: prepared.source.slice(problem.start, end).trim(), connector });
    } else if (pipeline.length > 0) items.push({ type: 'pipeline', commands: pipeline, connector });
    if (problem || pipeline.length > 0) connector = next;
    pipeline = [];
    problem = null;
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'word') {
      const atStart = !current && pipeline.length === 0;
      const unquoted = token.quoted !== true;
      // Compound commands: skip to their end, report them as one unsupported item.
      if (!current && unquoted && (token.value in COMPOUND_NAMES || token.value === '[[' || token.value === '((')) {
        const end = skipCompound(tokens, index);
        const reason = COMPOUND_NAMES[token.value] ?? 'a compound command';
        problem ??= { reason, start: atStart ? token.start : (pipeline[0] ? offsetOf(starts, pipeline[0]) : token.start) };
        index = end;
        continue;
      }
      if (!current) current = { words: [], redirects: [], start: token.start, end: token.end };
      current.words.push(token);
      current.end = token.end;
      if (/\$\(|`/.test(prepared.source.slice(token.start, token.end)) && !problem) problem = { reason: 'command substitution (`$(…)` or backquotes)', start: pipelineStart(pipeline, current, starts) };
      else if (/(^|[^\\])\$\(\(/.test(token.value) && !problem) problem = { reason: 'arithmetic expansion', start: current.start };
      continue;
    }
    if (token.type === 'redirect') {
      if (!current) current = { words: [], redirects: [], start: token.start, end: token.end };
      const next = tokens[index + 1];
      const doc = heredocs.get(token.start);
      const target = next && next.type === 'word' ? toWord(next) : null;
      if (target) index++;
      current.redirects.push({ op: token.value, target, heredoc: doc ? { body: doc.body, quoted: doc.quoted, closed: doc.closed } : null, ...at(token.start) });
      current.end = next?.end ?? token.end;
      continue;
    }
    if (token.type === 'newline') {
      // A newline after `|`, `&&` or `||` continues the pipeline or list.
      const previous = tokens[index - 1];
      if (previous && previous.type === 'op' && ['|', '&&', '||', '|&'].includes(previous.value)) continue;
      finishPipeline(';', token.start);
      continue;
    }
    // Operators.
    switch (token.value) {
      case '|':
        finishCommand();
        break;
      case ';':
        finishPipeline(';', token.start);
        break;
      case '&&':
      case '||':
        finishPipeline(token.value, token.start);
        break;
      case '&':
        problem ??= { reason: 'a background job (`&`)', start: pipelineStart(pipeline, current, starts, token.start) };
        finishPipeline(';', token.end);
        break;
      case '|&':
        problem ??= { reason: 'a `|&` pipe', start: pipelineStart(pipeline, current, starts, token.start) };
        finishCommand();
        break;
      case '(': {
        // `name() {…}` defines a function; `( … )` is a subshell.
        const isFunction = current !== null && current.words.length === 1 && tokens[index + 1]?.value === ')';
        const end = isFunction ? skipCompound(tokens, index + 2) : skipBalancedTokens(tokens, index);
        problem ??= { reason: isFunction ? 'a function definition' : 'a subshell `( … )`', start: pipelineStart(pipeline, current, starts, token.start) };
        current = null;
        index = end;
        break;
      }
      default:
        problem ??= { reason: `the operator \`${token.value}\``, start: pipelineStart(pipeline, current, starts, token.start) };
    }
  }
  finishPipeline(';', prepared.source.length);

  const syntaxError = syntax ? { message: syntax.message, line: syntax.line, column: syntax.column } : null;
  return { items, syntaxError, prompted: prepared.prompted };
}

function pipelineStart(pipeline: RunCommand[], current: { start: number } | null, starts: number[], fallback?: number): number {
  if (pipeline[0]) return offsetOf(starts, pipeline[0]);
  return current?.start ?? fallback ?? 0;
}

function offsetOf(starts: number[], place: { line: number; column: number }): number {
  return (starts[place.line - 1] ?? 0) + place.column - 1;
}

/** Index of the token that closes the compound command opened at `index` (or the last token). */
function skipCompound(tokens: Token[], index: number): number {
  const first = tokens[index]!;
  if (first.value === '[[' || first.value === '((') {
    const close = first.value === '[[' ? ']]' : '))';
    for (let i = index + 1; i < tokens.length; i++) if (tokens[i]!.value === close || tokens[i]!.type === 'newline') return tokens[i]!.type === 'newline' ? i - 1 : i;
    return tokens.length - 1;
  }
  if (first.value === 'function' || first.value === '!' || first.value === 'time' || first.value === 'coproc') {
    // Up to the end of the following command or group.
    for (let i = index + 1; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === 'word' && token.value in OPENERS && token.quoted !== true) return skipCompound(tokens, i);
      if (token.type === 'newline' || (token.type === 'op' && token.value !== '(' && token.value !== ')')) return i - 1;
    }
    return tokens.length - 1;
  }
  const stack: string[] = [];
  let commandStart = true;
  for (let i = index; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'word') {
      if (commandStart && token.quoted !== true) {
        if (token.value in OPENERS) stack.push(OPENERS[token.value]!);
        else if (token.value === stack.at(-1)) {
          stack.pop();
          if (stack.length === 0) return i;
        }
      }
      commandStart = ['do', 'then', 'else', 'elif', 'in', '{', '!'].includes(token.value) && token.quoted !== true;
      if (stack.at(-1) === 'esac' && token.value.endsWith(')')) commandStart = true;
      continue;
    }
    commandStart = token.type === 'newline' || (token.type === 'op' && token.value !== '|' ? true : token.value === '|');
  }
  return tokens.length - 1;
}

function skipBalancedTokens(tokens: Token[], index: number): number {
  let depth = 0;
  for (let i = index; i < tokens.length; i++) {
    const value = tokens[i]!.type === 'op' ? tokens[i]!.value : '';
    if (value === '(') depth++;
    else if (value === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}



/**
 * Expand `$NAME` and `${NAME}` in a word from the run's variables. Single-quoted text stays as
 * written. Returns the names that were not set (the word keeps them as written).
 */
export function expandWord(word: RunWord, env: Record<string, string>): { value: string; unset: string[] } {
  if (!word.raw.includes('$')) return { value: word.value, unset: [] };
  // Only expand when no `$` of the raw word sits inside single quotes (the lexer already dropped quotes).
  let inSingle = false;
  let singleDollar = false;
  for (let i = 0; i < word.raw.length; i++) {
    const c = word.raw[i]!;
    if (c === '\\' && !inSingle) i++;
    else if (c === "'") inSingle = !inSingle;
    else if (c === '$' && inSingle) singleDollar = true;
  }
  if (singleDollar) return { value: word.value, unset: [] };
  const unset: string[] = [];
  const value = word.value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced: string | undefined, plain: string | undefined) => {
    const name = (braced ?? plain)!;
    if (Object.hasOwn(env, name)) return env[name]!;
    unset.push(name);
    return whole;
  });
  return { value, unset };
}
