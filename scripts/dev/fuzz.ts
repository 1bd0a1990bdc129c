/**
 * Differential fuzzing of the parsers' fast paths: real pages, mutated at random, read the fast way
 * and the plain way, which must agree exactly (positions included). Not a test (it runs for
 * minutes and its inputs are random): a tool to run after changing a fast path. Each failing input
 * is written to the output folder, to be shrunk and turned into a test case.
 *
 *   npx node scripts/dev/fuzz.ts <tree|frontend|chunks> [--seed=N] [--count=N] [--corpus=DIR] [--out=DIR]
 *
 *   tree      the well-formed tree builder against rehype-parse, on Milvus pages (whatever it
 *             accepts must be exactly rehype-parse's tree)
 *   frontend  the whole Milvus front end (code scanner, direct reader, tree builder, whitespace
 *             and table ports) against the library path; a thrown error counts too
 *   direct    the direct reader against the tree path, on pages mutated in ways that mostly keep
 *             them in its subset (white space, comments, inline elements, breaks, stray `</p>`
 *             and `<li>`, blocks inside paragraphs); pages it declines are skipped
 *   chunks    Markdown parsed in pieces (every cut markdown-chunks.ts allows) against the page
 *             parsed whole, on the corpus imported to Markdown and the seeds
 *
 * Found so far: text positions after `<pre>\n ` (tree), a link around a table that stopped the
 * check (frontend), cuts inside list items and after open containers (chunks), and a `<li>` start
 * tag inside a list item read as a stray item (direct).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { splitFrontMatter } from '../../src/core/frontmatter.ts';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { checkMarkdownLimits } from '../../src/core/parse/limits.ts';
import { markdownToMdast } from '../../src/core/parse/markdown.ts';
import { milvusHtmlToMdast } from '../../src/core/parse/milvus-html.ts';
import { buildWellFormedHtml } from '../../src/core/parse/well-formed-html.ts';
import { decodeSource, readSourceBytesSync } from '../../src/core/source.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const option = (name: string, fallback: string): string => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const mode = process.argv[2];
let seed = Number(option('seed', '1'));
const count = Number(option('count', '1000'));
const corpus = resolve(option('corpus', join(ROOT, '..', 'shared', 'corpus', 'milvus-v2.4.x')));
const out = resolve(option('out', join(ROOT, 'node_modules', '.cache', 'fuzz')));

/** A linear congruential generator: the same seed gives the same inputs on every machine. */
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const HTML_PIECES = ['\n', '\n\n', ' ', '\t', '&amp;', '&lt;', '&nbsp;', '&#x41;', '&amp', '&notin;', '&', '<', '>', '</span>', '<span class="hljs-string">', '<span>', '</code>', '</pre>', '<pre>', '<pre>\n', '<pre>\n ', '<code>', '<br>', '<br/>', '</br>', '<!-- c -->', '<!--', '-->', '<p>', '</p>', '<p/>', '<div class="alert note">', '</div>', '<DIV>', '<li>', '</li>', '<ul>', '</ul>', '<ol start="2">', '<table>', '<tbody>', '<thead>', '<tr>', '<th>', '<td>', '</td>', '</tr>', '</table>', '<tr.>', '<strong>', '</strong>', '<em>', '</em>', '<a href="#x">', '<a>', '</a>', '<h2 id="X">', '</h2>', '<h3>', '<button class="copy-code-btn"></button>', '<svg><path d="x"></path></svg>', '<your_token>', '<x-y>', '<img src="x">', '<hr>', '<details>', '<summary>', '<blockquote>', '</blockquote>', '<dl><dt>a<dd>b</dl>', '<style>p{}</style>', '<math><mi>x</mi></math>', '<pre><code class="language-bash">', '</code></pre>', '\u00a0', 'é', '😀', '"', "'"];
const MARKDOWN_LINES = ['```', '~~~', '```bash', '````', ':::note', ':::', '::::', '::::tip', ':::tip[Title]', '::leaf{a=b}', '<pre>', '</pre>', '<!--', '-->', '<div>', '</div>', '', '', '', '- item', '1. item', '2) item', '2. x', '-', '1.', '  indented', '    code', '\tcode', '> quote', '>', 'Text line', '# Heading', '---', '===', '| a | b |', '|---|---|', 'a | b', '--|--', '<details>', '*emph', '_x_', '$$', '\\', '<script>', '</script>', '  - nested', '    - x', '* * *', '***', '+ plus', '<?php', '?>', '<!DOCTYPE html>', '<textarea>', '</textarea>', '<![CDATA[', ']]>', '   ```', '    :::', '  :::note', '> ```', '> :::note', '- ```', '- :::note', '<style>', '</style>', 'x <pre>', '<x-tag>', '</x-tag>', '<my-el a="b">', '<!-- c -->', '- [ ] task'];

/** Insertions from `pieces`, deletions and copies at random places. */
function mutate(text: string, pieces: readonly string[]): string {
  const edits = 1 + Math.floor(random() * 6);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (text.length + 1));
    const kind = random();
    if (kind < 0.65) text = text.slice(0, at) + pick(pieces) + text.slice(at);
    else if (kind < 0.85) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 12));
    else {
      const from = Math.floor(random() * text.length);
      text = text.slice(0, at) + text.slice(from, from + 40) + text.slice(at);
    }
  }
  return text.replace(/[\0\r]/g, '');
}

const DIRECT_PIECES = [' ', '  ', '\n', '\n  ', '\t', '<!-- c -->', ' <!-- c --> ', '<br>', '</br>', '<br/>', '<img src="x.png" alt=" a  b ">', ' <img src="y">', '<span></span>', '<span> </span>', '<strong> </strong>', '&amp;', '&nbsp;', ' & ', '</p>', '<p>', '<p></p>', '<em>x</em>', ' <code> a  b </code> ', '<a href="/docs/x">l</a>', '<a href="#y" title=" t ">l </a>', '<b>B</b> ', '<i> i</i>', '<sub>2</sub>', '<div>', '</div>', '<div class="alert note">n</div>', '<ul><li>a</li></ul>', '<li>x</li>', ' <li>y</li> ', '<hr>', '<h3 id="z">Z</h3>', '<blockquote>q</blockquote>', '<details><summary>S</summary>d</details>', '<style>p{}</style>', '<!-- <pre><code class="language-bash">ls</code></pre> -->', '<style>\n<pre><code class="language-python">x = 1\n</code></pre></style>', '<!-- <pre><code>', ' -->', '<pre>\nplain &amp; <span style="color: red">text</span>\n</pre>', '<pre style="white-space:pre">\n\nout</pre>', '<pre>', '<your_token>', ' <port>/api', '<Name/>', '<x_y-z>', '</a>', '<a herf="x.md">h</a>', '<a>', '<div class="alert note">', '<table><tbody><tr><td rowspan="2">a</td><td colspan="2">b</td></tr><tr><td>c</td></tr></tbody></table>', '<p>a</a>', '</td>', ' <math><mi>x</mi></math> ', '<math><mi>y</mi>'];

/**
 * Insertions of markup the direct reader knows, between tags or in text (never inside a tag or a
 * code block), and white space changed: the pages stay mostly in its subset.
 */
function mutateBetweenTags(text: string): string {
  const edits = 1 + Math.floor(random() * 5);
  for (let edit = 0; edit < edits; edit++) {
    let at = Math.floor(random() * text.length);
    if (text.lastIndexOf('<', at) > text.lastIndexOf('>', at)) at = text.lastIndexOf('<', at);
    if (text.lastIndexOf('<pre', at) > text.lastIndexOf('</pre>', at)) at = text.lastIndexOf('<pre', at);
    const kind = random();
    if (kind < 0.75) {
      text = text.slice(0, at) + pick(DIRECT_PIECES) + text.slice(at);
    } else {
      const space = text.indexOf(' ', at);
      if (space !== -1) text = text.slice(0, space) + pick(['   ', '\n', ' \n ', '']) + text.slice(space + 1);
    }
  }
  return text;
}

/** Line-level mutation for Markdown: whole lines inserted, dropped or repeated. */
function mutateLines(text: string): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(random() * 8);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(random() * (lines.length + 1));
    const kind = random();
    if (kind < 0.7) lines.splice(at, 0, pick(MARKDOWN_LINES));
    else if (kind < 0.85) lines.splice(at, 1 + Math.floor(random() * 3));
    else lines.splice(at, 0, ...lines.slice(Math.floor(random() * lines.length)).slice(0, 5));
  }
  return lines.join('\n');
}

function pagesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map((name) => join(folder, String(name)))
    .filter((path) => path.endsWith('.md') && statSync(path).isFile())
    .sort();
}

/** A Milvus page's body (after its front matter), cut to at most 15,000 characters. */
function milvusBody(path: string): string {
  const text = readFileSync(path, 'utf8');
  const end = text.indexOf('\n---\n', 4);
  let body = end === -1 ? text : text.slice(end + 5);
  if (body.length > 30_000) {
    const from = Math.floor(random() * (body.length - 15_000));
    body = body.slice(from, from + 15_000);
  }
  return body;
}

type Outcome = 'same' | 'different' | 'skipped';

const MODES: Record<string, { inputs: () => string[]; compare: (input: string) => Outcome }> = {
  tree: {
    inputs: () => pagesUnder(join(corpus, 'en')),
    compare(path) {
      const text = mutate(milvusBody(path), HTML_PIECES);
      lastInput = text;
      const fast = buildWellFormedHtml(text);
      if (!fast) return 'skipped';
      const plain = unified().use(rehypeParse, { fragment: true }).parse(new VFile({ value: text }));
      return isDeepStrictEqual(fast, plain) ? 'same' : 'different';
    },
  },
  frontend: {
    inputs: () => pagesUnder(corpus),
    compare(path) {
      const text = mutate(milvusBody(path), HTML_PIECES);
      lastInput = text;
      const fast = milvusHtmlToMdast(text, 'page.md');
      const plain = milvusHtmlToMdast(text, 'page.md', { scanCode: false, libraryWhitespace: true, wellFormedTree: false });
      return isDeepStrictEqual([fast.tree, fast.warnings], [plain.tree, plain.warnings]) ? 'same' : 'different';
    },
  },
  direct: {
    inputs: () => pagesUnder(corpus),
    compare(path) {
      const text = mutateBetweenTags(milvusBody(path));
      lastInput = text;
      const fast = milvusHtmlToMdast(text, 'page.md');
      if (fast.read !== 'direct') return 'skipped';
      const tree = milvusHtmlToMdast(text, 'page.md', { directReader: false });
      // Key order too: the model and the Markdown import see the same objects either way.
      return JSON.stringify([fast.tree, fast.warnings]) === JSON.stringify([tree.tree, tree.warnings]) ? 'same' : 'different';
    },
  },
  chunks: {
    inputs: () => {
      const pages = pagesUnder(join(ROOT, 'content')).map((path) => readFileSync(path, 'utf8'));
      for (const path of pagesUnder(join(corpus, 'en')).filter((_, index) => index % 5 === 0)) {
        const read = readSourceBytesSync(path);
        pages.push(milvusPageToMarkdown(decodeSource(path, read.bytes, read.size)));
      }
      return pages;
    },
    compare(page) {
      const text = mutateLines(page);
      lastInput = text;
      let masked: string;
      try {
        masked = splitFrontMatter('page.md', text).maskedText;
        checkMarkdownLimits('page.md', masked);
      } catch {
        return 'skipped';
      }
      const whole = markdownToMdast(masked, { from: Infinity });
      const pieces = markdownToMdast(masked, { from: 0, piece: 1 });
      return isDeepStrictEqual(whole, pieces) ? 'same' : 'different';
    },
  },
};

let lastInput = '';
const chosen = mode === undefined ? undefined : MODES[mode];
if (!chosen) {
  console.error(`usage: fuzz.ts <${Object.keys(MODES).join('|')}> [--seed=N] [--count=N] [--corpus=DIR] [--out=DIR]`);
  process.exit(2);
}
const inputs = chosen.inputs();
const tally = { same: 0, different: 0, skipped: 0, thrown: 0 };
mkdirSync(out, { recursive: true });
for (let index = 0; index < count; index++) {
  let outcome: Outcome | 'thrown';
  try {
    outcome = chosen.compare(pick(inputs));
  } catch (error) {
    outcome = 'thrown';
    console.log(`thrown: ${String((error as Error).message).slice(0, 200)}`);
  }
  tally[outcome]++;
  if (outcome === 'different' || outcome === 'thrown') {
    const file = join(out, `${mode}-${option('seed', '1')}-${index}.txt`);
    writeFileSync(file, lastInput);
    console.log(`${outcome}: ${file}`);
  }
}
console.log(`${mode}, seed ${option('seed', '1')}: ${count} inputs, ${tally.same} the same, ${tally.different} different, ${tally.thrown} thrown, ${tally.skipped} skipped (declined or refused)`);
process.exitCode = tally.different + tally.thrown > 0 ? 1 : 0;
