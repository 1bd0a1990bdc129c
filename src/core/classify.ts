/**
 * What each code block is for (command, file, output, snippet) and which file it is, inferred from
 * the block, the prose just before it and the commands around it. Runs on the model, so both front
 * ends classify alike.
 */
import type { CodeLanguage, CodeRole, CodeStep, Guide, Inline, Step } from './model.ts';
import { inlineText } from './walk.ts';
import { lookupTable } from './content-keys.ts';

const LANGUAGES = lookupTable<CodeLanguage>({
  yaml: 'yaml',
  yml: 'yaml',
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  zsh: 'shell',
  console: 'shell',
  shellsession: 'shell',
  'shell-session': 'shell',
  python: 'python',
  py: 'python',
  python3: 'python',
  json: 'json',
  text: 'text',
  txt: 'text',
  plaintext: 'text',
  plain: 'text',
  log: 'text',
});

export function languageOf(lang: string | null): CodeLanguage {
  if (lang === null || lang.trim() === '') return 'text';
  return LANGUAGES[lang.toLowerCase()] ?? 'other';
}

const EXTENSIONS: Partial<Record<CodeLanguage, RegExp>> = {
  yaml: /\.ya?ml$/i,
  json: /\.json$/i,
  python: /\.py$/i,
  shell: /\.(sh|bash)$/i,
};

/** A word that names a file: a path whose last part has an extension of letters. */
const FILE_NAME = /^(?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@-][\w@.-]*\.[A-Za-z][A-Za-z0-9]{0,5}$/;
const FILE_IN_TEXT = /(?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@-][\w@.-]*\.(?:ya?ml|json|py|sh|toml|conf|ini|txt|env)\b/g;
/** What every FILE_IN_TEXT match contains: a name character, then one of the extensions. */
const FILE_EXTENSION_IN_TEXT = /[\w@.-]\.(?:ya?ml|json|py|sh|toml|conf|ini|txt|env)\b/;

/** `NAME   CLASS   HOSTS` — a header row of a CLI table: upper-case words spaced by 2+ spaces. */
const TABLE_HEADER = /^[A-Z][A-Z0-9_()/%-]*(?:\s{2,}[A-Z][A-Z0-9_()/% -]*){1,}\s*$/;
const LOG_LINE = /^(?:\d{4}[-/]\d{2}[-/]\d{2}|\[\d{4}|\[?(?:INFO|WARN|WARNING|ERROR|DEBUG|TRACE)\]?\b)/;
const YAML_KEY_LINE = /^[A-Za-z_][\w.-]*:(?:\s|$)/;

export function classifyGuide(guide: Guide): void {
  const ordered: Array<{ code: CodeStep; before: Step | null }> = [];
  const collect = (steps: Step[]): void => {
    steps.forEach((step, index) => {
      if (step.kind === 'code') ordered.push({ code: step, before: index > 0 ? steps[index - 1]! : null });
      else if (step.kind === 'list') for (const item of step.items) collect(item);
      else if (step.kind === 'aside') collect(step.steps);
    });
  };
  for (const section of guide.sections) collect(section.steps);

  for (const { code, before } of ordered) {
    code.language = languageOf(code.lang);
    code.role = roleOf(code);
    // A JSON-labelled block announced as output is often a program's printout (a JavaScript
    // object, not JSON). Limited to JSON: locales word the announcement differently, and a role
    // that differs across locales would make their blocks incomparable.
    if (code.language === 'json' && code.role === 'snippet' && before?.kind === 'prose' && announcesOutput(inlineText(before.content))) code.role = 'output';
    // A notebook page prints each cell's output in unlabelled blocks right after the cell (a
    // warning, then the printout: one block each).
    if (code.lang === null && code.role === 'snippet' && before?.kind === 'code' && (before.language === 'python' || (before.lang === null && before.role === 'output'))) code.role = 'output';
    const fromMeta = metaTitle(code.meta);
    if (fromMeta) {
      code.fileName = fromMeta;
      code.fileNameSource = 'meta';
      if (code.role === 'snippet') code.role = 'file';
      continue;
    }
    if (code.role === 'output' || code.role === 'command') continue;
    const fromProse = before?.kind === 'prose' ? fileNamedIn(before.content, code.language) : null;
    if (fromProse) {
      code.fileName = fromProse;
      code.fileNameSource = 'prose';
      code.role = 'file';
    }
  }

  // A manifest with no name in its prose is usually applied by a later command: `kubectl apply -f x.yaml`.
  ordered.forEach(({ code }, index) => {
    if (code.fileName !== null || (code.language !== 'yaml' && code.language !== 'json') || code.role === 'output') return;
    for (let next = index + 1; next < ordered.length; next++) {
      const later = ordered[next]!.code;
      if (later.role === 'command') {
        const named = filesPassedTo(later.text).find((name) => EXTENSIONS[code.language]?.test(name));
        if (named) {
          code.fileName = named.replace(/^\.\//, '').split('/').pop() ?? named;
          code.fileNameSource = 'command';
          code.role = 'file';
        }
        return;
      }
      // Alternatives of the same file sit side by side; any other block ends the search.
      if (later.language !== code.language || later.fileName !== null) return;
    }
  });
}

/**
 * Prose that announces what a reader will see, right before the block ("The expected output is
 * similar to the following:", "Output structure:"), in each locale's usual wording. Only the
 * sentence that ends with the colon counts, so "Run this to see the output:" does not.
 */
const OUTPUT_ANNOUNCEMENTS = [
  /\b(?:expected|sample|example) output\b|^output(?: structure)?:$|\boutput (?:is|looks|should be|will be) (?:similar|like)|\bsimilar to the following:$/i,
  /\berwartete Ausgabe\b|^Ausgabe(?:struktur)?:$|\bAusgabe (?:ist|sieht) .*(?:ähnlich|wie folgt|so aus)|\bähnlich wie (?:die|das|der) folgende/i,
  /ожидаемый (?:результат|вывод)|^(?:вывод|результат):$|(?:вывод|результат) (?:будет )?(?:выглядит|похож)|похож на следующ/i,
  /\b(?:resultado|saída) esperad[oa]\b|^(?:saída|resultado):$|\bsemelhante ao seguinte:$/i,
  /\bkeluaran yang diharapkan\b|\bhasil yang diharapkan\b|^(?:keluaran|output):$|\bmirip dengan (?:yang )?berikut/i,
];

function announcesOutput(prose: string): boolean {
  const text = prose.trim();
  if (!text.endsWith(':')) return false;
  // The last sentence only: an earlier one may talk about output for another reason.
  const sentence = text.slice(Math.max(text.lastIndexOf('. '), text.lastIndexOf('! '), text.lastIndexOf('? ')) + 1).trim();
  return OUTPUT_ANNOUNCEMENTS.some((pattern) => pattern.test(sentence));
}

function roleOf(code: CodeStep): CodeRole {
  if (looksLikeOutput(code)) return 'output';
  if (code.language === 'shell') return 'command';
  return 'snippet';
}

export function looksLikeOutput(code: Pick<CodeStep, 'text' | 'language'>): boolean {
  const { first, more } = firstNonBlankLine(code.text);
  if (first === '') return false;
  if (TABLE_HEADER.test(first) && more) return true;
  if (LOG_LINE.test(first)) return true;
  if (code.language === 'yaml') return /^status:/m.test(code.text) && !/^(apiVersion|kind):/m.test(code.text);
  if (code.language === 'shell') {
    // A shell-labelled block that starts with `key: value` or a JSON object is printed, not run.
    if (YAML_KEY_LINE.test(first) && !first.startsWith('http')) return true;
    if (first.startsWith('{')) {
      try {
        JSON.parse(code.text);
        return true;
      } catch {
        return false;
      }
    }
  }
  return false;
}

/** The first line that is not blank (trimmed), and whether another follows; without splitting the whole block. */
function firstNonBlankLine(text: string): { first: string; more: boolean } {
  let first = '';
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    if (line !== '') {
      if (first !== '') return { first, more: true };
      first = line;
    }
    start = end + 1;
  }
  return { first, more: false };
}

function metaTitle(meta: string | null): string | null {
  if (!meta) return null;
  const match = /(?:^|\s)(?:title|file)=(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(meta);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** The file name the prose gives a block: inline code first, then a plain word with the right extension. */
function fileNamedIn(content: Inline[], language: CodeLanguage): string | null {
  const extension = EXTENSIONS[language];
  const inlineNames: string[] = [];
  const textParts: string[] = [];
  const walk = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'inlineCode') {
        const value = node.value.trim();
        if (FILE_NAME.test(value)) inlineNames.push(value);
      } else if (node.type === 'text') textParts.push(node.value);
      else if ('children' in node) walk(node.children as Inline[]);
    }
  };
  walk(content);
  const fits = (name: string): boolean => (extension ? extension.test(name) : true);
  const fromCode = inlineNames.filter(fits).at(-1);
  if (fromCode) return fromCode;
  if (!extension) return null;
  const text = textParts.join(' ');
  // Most prose names no file: the extension is looked for before the whole pattern is tried at every word.
  if (!FILE_EXTENSION_IN_TEXT.test(text)) return null;
  const fromText = [...text.matchAll(FILE_IN_TEXT)].map((m) => m[0]).filter(fits).at(-1);
  return fromText ?? null;
}

/** Files a command line passes with -f / --filename / --values. */
export function filesPassedTo(command: string): string[] {
  const names: string[] = [];
  for (const match of command.matchAll(/(?:^|\s)(?:-f|--filename|--values)(?:\s+|=)(['"]?)([^\s'"]+)\1/g)) names.push(match[2]!);
  return names;
}
