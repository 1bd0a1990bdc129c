/**
 * YAML: every document must parse, keys must be unique, and documents that are Kubernetes objects
 * are validated against their kind's schema (src/check/kubernetes.ts).
 *
 * Before parsing, what a guide writes but YAML does not read is blanked, character for character so
 * positions stay right: elision lines (`...`, `……`, `…`), Helm/Go template actions (`{{ … }}`), the
 * shell lines of a here-document wrapper (`cat <<EOF | kubectl apply -f -` … `EOF`), and, when
 * that is what makes the block parse, `{placeholder}` values. A templated document is not validated
 * as a Kubernetes object (its values are not known yet); it is reported as unchecked instead.
 *
 * A syntax error is reported where the structure first breaks: when keys lost their indentation
 * (`spec:` left empty, the next keys at its column), at the first flattened key rather than at the
 * later line where the parser gives up.
 *
 * The meaning of a block is the array of its documents as plain JS values.
 */
import { isPair, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import { codeInMessage } from '../../core/code-in-message.ts';
import type { CodeStep } from '../../core/model.ts';
import { checkKubernetesDocument, isKubernetesObject, type KubernetesValidation } from '../kubernetes.ts';
import type { Analysis, CodeProblem, LanguageAdapter, Severity } from '../types.ts';

export interface KubernetesObjectSummary {
  /** Index of the document in the block. */
  document: number;
  apiVersion: string;
  kind: string;
  name: string | null;
  /** Line of the document's first content in the block. */
  line: number;
  status: KubernetesValidation['status'];
}

export interface YamlAnalysis extends Analysis {
  meaning: unknown[] | null;
  /** The Kubernetes objects of the block and how their validation went. */
  objects: KubernetesObjectSummary[];
  /** True when Helm/Go template actions (or `{placeholder}`s) were blanked before parsing. */
  templated: boolean;
}

export interface ParsedYaml {
  /** The text as parsed: elisions and template actions blanked (same length and lines as the block). */
  source: string;
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  templated: boolean;
}

const ELISION = /^[ \t]*(?:\.{3,}|…+|\. \. \.)[ \t]*$/;
const TEMPLATE_ACTION = /\{\{-?[\s\S]*?-?\}\}/g;
const TEMPLATE_LINE = /^[ \t]*\{\{-?[^\n]*?-?\}\}[ \t]*$/;
/** `cat <<EOF | kubectl apply -f -` … `EOF`: a shell here-document around the YAML. */
const HEREDOC_OPENER = /<<-?[ \t]*(['"]?)([A-Za-z_][\w-]*)\1/;
/** `{milvus2x_domain}`: a placeholder in braces, which YAML would read as a flow mapping. */
const BRACE_PLACEHOLDER = /\{[A-Za-z_][\w.-]*\}/g;

const blank = (line: string): string => line.replace(/[^\s]/g, ' ');

/**
 * Blanks what the guide writes but YAML does not read, keeping every other character where it
 * was: elision lines, Helm/Go template actions, and the shell lines of a here-document wrapper.
 */
export function maskYaml(text: string): { source: string; templated: boolean; wrapped: boolean } {
  let templated = false;
  const lines = text.split('\n');
  let wrapped = false;
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const opener = firstIndex === -1 ? null : HEREDOC_OPENER.exec(lines[firstIndex]!);
  if (opener && !/^[ \t]*[\w.-]+:[ \t]/.test(lines[firstIndex]!)) {
    const end = lines.findIndex((line, index) => index > firstIndex && line.trim() === opener[2]);
    if (end !== -1) {
      lines[firstIndex] = blank(lines[firstIndex]!);
      lines[end] = blank(lines[end]!);
      wrapped = true;
    }
  }
  const masked = lines.map((line) => {
    if (ELISION.test(line)) return ' '.repeat(line.length);
    if (!line.includes('{{')) return line;
    if (TEMPLATE_LINE.test(line) && (line.match(/\{\{/g) ?? []).length === 1) {
      templated = true;
      return ' '.repeat(line.length);
    }
    return line.replace(TEMPLATE_ACTION, (action) => {
      templated = true;
      // A same-length plain word: the action stands for a value.
      return action.length >= 2 ? `x${'_'.repeat(action.length - 2)}x` : 'x';
    });
  });
  return { source: masked.join('\n'), templated, wrapped };
}

export function parseYaml(text: string): ParsedYaml {
  const masked = maskYaml(text);
  let parsed = parseSource(masked.source, masked.templated);
  // `endpoint: {host}:{port}`: braces around a placeholder name; read them as plain text if that is what makes it parse.
  if (parsed.documents.some((document) => document.errors.length > 0) && /\{[A-Za-z_][\w.-]*\}/.test(masked.source)) {
    const retry = parseSource(
      masked.source.replace(BRACE_PLACEHOLDER, (match) => `x${'_'.repeat(match.length - 2)}x`),
      true,
    );
    if (retry.documents.every((document) => document.errors.length === 0)) parsed = retry;
  }
  return parsed;
}

function parseSource(source: string, templated: boolean): ParsedYaml {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [];
  return { source, documents: list as Document.Parsed[], lineCounter, templated };
}

/** Turns an offset in the YAML source into a problem at its line and column. */
export function yamlProblem(lineCounter: LineCounter, offset: number, kind: string, found: string, expected: string, severity?: Severity): CodeProblem {
  const pos = lineCounter.linePos(offset);
  const problem: CodeProblem = { line: pos.line, column: pos.col, kind, found, expected };
  if (severity) problem.severity = severity;
  return problem;
}

// ---------------------------------------------------------------------------------------------
// Syntax errors, explained

interface LineInfo {
  text: string;
  indent: number;
  /** Column (0-based) of the key, after any `- `. */
  keyIndent: number;
  key: string | null;
  emptyValue: boolean;
  item: boolean;
  blank: boolean;
}

const KEY_LINE = /^([ \t]*)((?:-[ \t]+)*)((?:"[^"]*"|'[^']*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^#:]*?|[?:-][^\s#:][^#:]*?)):(?:[ \t]+(.*?))?[ \t]*$/;

function lineInfo(text: string): LineInfo {
  const indent = /^[ \t]*/.exec(text)![0].length;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { text, indent, keyIndent: indent, key: null, emptyValue: false, item: false, blank: true };
  const match = KEY_LINE.exec(text);
  const item = /^[ \t]*-(?:[ \t]|$)/.test(text);
  if (!match) return { text, indent, keyIndent: indent, key: null, emptyValue: false, item, blank: false };
  const value = (match[4] ?? '').replace(/^#.*$/, '');
  return { text, indent, keyIndent: match[1]!.length + match[2]!.length, key: match[3]!, emptyValue: value === '', item, blank: false };
}

/**
 * A mapping that lost its indentation: `spec:` with an empty value, then a key at the same column
 * or left of it. When such breaks chain up to the parser's error (between one break and the next,
 * and from the last one to the error, no line is indented deeper than the emptied key), the first
 * break of the chain is where the structure went wrong.
 */
function flattenedKeyBefore(lines: string[], firstLine: number, errorLine: number): { line: number; column: number; key: string; parent: string; parentLine: number } | null {
  const infos = lines.map(lineInfo);
  const breaks: Array<{ parent: number; child: number }> = [];
  for (let child = firstLine + 1; child <= Math.min(errorLine, lines.length - 1); child++) {
    const next = infos[child]!;
    if (next.blank || next.key === null || next.item) continue;
    let parent = child - 1;
    while (parent >= firstLine && infos[parent]!.blank) parent--;
    if (parent < firstLine) continue;
    const above = infos[parent]!;
    if (above.key === null || !above.emptyValue || next.indent > above.keyIndent) continue;
    breaks.push({ parent, child });
  }
  let first: { parent: number; child: number } | null = null;
  let boundary = errorLine;
  for (let index = breaks.length - 1; index >= 0; index--) {
    const candidate = breaks[index]!;
    const limit = infos[candidate.parent]!.keyIndent;
    let flat = true;
    for (let l = candidate.child + 1; l < boundary; l++) {
      const info = infos[l]!;
      if (!info.blank && info.indent > limit) {
        flat = false;
        break;
      }
    }
    if (!flat) break;
    first = candidate;
    boundary = candidate.parent;
  }
  if (!first) return null;
  const child = infos[first.child]!;
  return { line: first.child + 1, column: child.indent + 1, key: child.key!, parent: infos[first.parent]!.key!, parentLine: first.parent + 1 };
}

/** A stretch of a line as code in a message: trimmed, cut at `max` characters. */
function shown(text: string, max: number): string {
  return codeInMessage(excerpt(text, max));
}

function excerpt(text: string, max = 40): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function explainError(error: YAMLError, source: string, lineCounter: LineCounter): CodeProblem {
  // Errors reported at the start of an indentation or a blank line: point at the text that follows.
  let offset = error.pos[0];
  while (offset < source.length && /\s/.test(source[offset]!) && error.code !== 'TAB_AS_INDENT') offset++;
  if (offset >= source.length) offset = error.pos[0];
  const pos = lineCounter.linePos(offset);
  const lines = source.split('\n');
  const lineText = lines[pos.line - 1] ?? '';
  const here = lineText.slice(pos.col - 1);
  const problem = (found: string, expected: string, at = offset): CodeProblem => yamlProblem(lineCounter, at, 'syntax', found, expected);
  const message = error.message;
  const keyOfLine = lineInfo(lineText).key;

  if (/block-seq-ind on same line with key/.test(message) || (error.code === 'BLOCK_AS_IMPLICIT_KEY' && here.startsWith('-'))) {
    const key = keyOfLine == null ? 'the key' : codeInMessage(`${keyOfLine}:`);
    return problem(`\`- \` starting a list on the same line as ${key}`, `the list item on its own line, indented under ${key}`);
  }
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return problem('tab in the indentation', 'spaces (YAML does not allow tabs for indentation)');
    case 'MISSING_CHAR': {
      const quote = /"/.test(message) ? '"' : /'/.test(message) ? "'" : null;
      if (quote) {
        // Point at the quote that opens the string, not at the end of the text.
        let start = offset;
        for (let i = Math.min(offset, source.length - 1); i >= 0; i--) {
          if (source[i] === quote && (i === 0 || /[\s:,[{-]/.test(source[i - 1]!))) {
            start = i;
            break;
          }
        }
        return problem(`${codeInMessage(quote)} opening a string that never closes`, `a closing ${codeInMessage(quote)}`, start);
      }
      const bracket = /\]/.test(message) ? ']' : /\}/.test(message) ? '}' : null;
      if (bracket) return problem(here.trim() === '' ? 'end of the flow collection' : shown(here, 20), `a closing \`${bracket}\``);
      if (/Implicit map keys need to be followed by map values/.test(message)) {
        return problem(`${here.trim() === '' ? 'end of text' : shown(here, 30)} read as a key without a value`, 'a `:` after the key (`key: value`), or the line joined to the one above');
      }
      return problem(here.trim() === '' ? 'end of text' : shown(here, 20), message.replace(/^Missing /, 'a '));
    }
    case 'BAD_INDENT':
      if (/same column/.test(message)) return problem(`${shown(here, 30)} at column ${pos.col}`, 'the same column as the other keys of its mapping');
      if (/Flow (sequence|map)/.test(message)) {
        const list = /sequence/.test(message);
        // At the end of its line: the `{` or `[` before it never closes.
        const opener = here.trim() === '' ? source.lastIndexOf(list ? '[' : '{', offset - 1) : -1;
        if (opener !== -1 && lineCounter.linePos(opener).line === pos.line) {
          return problem(`${codeInMessage(list ? '[' : '{')} opening a ${list ? '`[…]` list' : '`{…}` mapping'} that never closes`, `a closing \`${list ? ']' : '}'}\` (or the text in quotes)`, opener);
        }
        return problem(`${shown(here, 30)} at column ${pos.col}`, `the ${list ? '`[…]` list' : '`{…}` mapping'} indented more than its key and closed with \`${list ? ']' : '}'}\``);
      }
      return problem(`${shown(here, 30)} at column ${pos.col}`, 'indentation that matches its parent');
    case 'MULTILINE_IMPLICIT_KEY':
      return problem(`${shown(here, 30)}, read as a key that runs over several lines`, '`key: value` on one line (a missing `:` or a wrong indentation above?)');
    case 'BAD_SCALAR_START':
      return problem(`plain value starting with ${codeInMessage(here[0] ?? '')}`, 'the value in quotes');
    case 'BLOCK_IN_FLOW':
      return problem(`${shown(here, 30)} (block syntax inside \`[…]\` or \`{…}\`)`, 'flow syntax: items separated by `,`');
    case 'BAD_ALIAS':
      if (/Anchor cannot be an empty string/.test(message)) return problem('`&` without an anchor name', 'a name after `&` (`&name value`), or the value in quotes');
      return problem(shown(here, 30), `an alias or anchor name (${message.split(' at line')[0]})`);
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/Nested mappings are not allowed in compact mappings/.test(message)) {
        const key = keyOfLine == null ? 'its key' : codeInMessage(`${keyOfLine}:`);
        return problem(`${shown(here, 30)} as the value of ${key}, on the same line`, `the nested mapping on its own lines, indented under ${key} (or the value in quotes)`);
      }
      return unexplained();
    case 'DUPLICATE_KEY':
      return yamlProblem(lineCounter, offset, 'duplicate-key', `second ${codeInMessage(keyOfLine ?? excerpt(here, 20))} key`, 'each key once per mapping');
    default:
      return unexplained();
  }

  /** Errors without an explanation of their own: the text, and the parser's words. */
  function unexplained(): CodeProblem {
    const token = excerpt(here, 30);
    if (/at node end/.test(message) || /in YAML stream/.test(message)) {
      return problem(token ? `${codeInMessage(token)} after a complete value` : 'more text after a complete value', 'a new `key: value` line at the indentation of its mapping (or a missing `:`?)');
    }
    return problem(token ? `${codeInMessage(token)} (${message})` : message, 'valid YAML');
  }
}

function firstSyntaxProblem(document: Document.Parsed, source: string, lineCounter: LineCounter): CodeProblem | null {
  const error = document.errors[0];
  if (!error) return null;
  const lines = source.split('\n');
  const errorLine = lineCounter.linePos(error.pos[0]).line - 1;
  const firstLine = document.range ? lineCounter.linePos(document.range[0]).line - 1 : 0;
  if (error.code !== 'TAB_AS_INDENT' && error.code !== 'MISSING_CHAR') {
    const flattened = flattenedKeyBefore(lines, firstLine, errorLine);
    if (flattened) {
      return {
        line: flattened.line,
        column: flattened.column,
        kind: 'syntax',
        found: `\`${flattened.key}:\` at column ${flattened.column}, level with \`${flattened.parent}:\` (line ${flattened.parentLine}), which is left empty`,
        expected: `\`${flattened.key}:\` indented under \`${flattened.parent}:\`; the lines from here on lost their indentation (the parser fails at line ${errorLine + 1})`,
      };
    }
  }
  return explainError(error, source, lineCounter);
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys

function duplicateKeys(document: Document.Parsed, lineCounter: LineCounter): CodeProblem[] {
  const problems: CodeProblem[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Map<string, YamlNode>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === '<<') continue;
        const first = seen.get(key);
        if (first && pair.key.range) {
          const firstLine = first.range ? lineCounter.linePos(first.range[0]).line : null;
          problems.push(yamlProblem(lineCounter, pair.key.range[0], 'duplicate-key', `second \`${key}:\` in the same mapping${firstLine ? ` (first at line ${firstLine})` : ''}`, `each key once per mapping (merge the two \`${key}:\` entries)`));
        } else if (!first) seen.set(key, pair.key);
      }
    },
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The adapter

async function analyzeYamlText(text: string, block?: Pick<CodeStep, 'role'>): Promise<YamlAnalysis> {
  const parsed = parseYaml(text);
  const { documents, lineCounter, source, templated } = parsed;
  const problems: CodeProblem[] = [];
  const objects: KubernetesObjectSummary[] = [];
  const meaning: unknown[] = [];
  let broken = false;

  for (const [index, document] of documents.entries()) {
    const syntax = firstSyntaxProblem(document, source, lineCounter);
    if (syntax) {
      broken = true;
      problems.push(syntax);
      continue;
    }
    for (const problem of duplicateKeys(document, lineCounter)) problems.push(problem);
    if (document.contents === null) continue;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      broken = true;
      problems.push(yamlProblem(lineCounter, document.range[0], 'syntax', (error as Error).message, 'a document that resolves to data'));
      continue;
    }
    meaning.push(value);
    if (block?.role === 'output' || !isKubernetesObject(value)) continue;
    const start = lineCounter.linePos((document.contents as YamlNode).range?.[0] ?? document.range[0]).line;
    const metadata = (value as { metadata?: { name?: unknown } }).metadata;
    const name = typeof metadata?.name === 'string' ? metadata.name : null;
    if (templated) {
      objects.push({ document: index, apiVersion: value.apiVersion, kind: value.kind, name, line: start, status: 'unchecked' });
      problems.push({ line: start, column: 1, kind: 'kubernetes-unchecked', severity: 'info', found: `${value.kind} with template expressions (\`{{ … }}\`)`, expected: 'plain values to validate (this object was not validated)' });
      continue;
    }
    const check = await checkKubernetesDocument(document, value, lineCounter);
    objects.push({ document: index, apiVersion: value.apiVersion, kind: value.kind, name, line: start, status: check.validation.status });
    for (const problem of check.problems) problems.push(problem);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { problems, meaning: broken ? null : meaning, objects, templated };
}

export const yamlAdapter: LanguageAdapter & { analyze(text: string, block?: CodeStep): Promise<YamlAnalysis> } = {
  language: 'yaml',
  analyze(text: string, block?: CodeStep): Promise<YamlAnalysis> {
    return analyzeYamlText(text, block);
  },
};

export default yamlAdapter;
