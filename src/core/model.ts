/**
 * The step model: one localized guide, parsed into sections of ordered steps.
 *
 * Every value here is plain data (JSON-serialisable), so a model can be cached, diffed across
 * locales, written by `polyguide export` and shipped to the site without a class in sight.
 * Both front ends (Milvus-rendered HTML and Markdown) produce exactly this shape.
 */
import type { PhrasingContent } from 'mdast';

/** 1-based line and column in the file the translator edits. */
export interface Point {
  line: number;
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
}

/**
 * Inline content (text, inline code, links, emphasis, strong, breaks, images) kept as mdast
 * phrasing nodes, so structure survives and every node keeps its source position.
 */
export type Inline = PhrasingContent;

export type SourceFormat = 'milvus-html' | 'markdown';

export interface Guide {
  /** Guide id shared by all its locales: the front matter id without `.md`, else the file stem. */
  id: string;
  locale: string;
  title: string;
  summary: string | null;
  /** The whole front matter as written (id, title, summary, related_key, …). */
  frontMatter: Record<string, unknown>;
  /** Path of the source file, as it was given to the parser. */
  file: string;
  format: SourceFormat;
  sections: Section[];
}

export interface Section {
  /** Heading level 1–6; 0 for content that comes before the first heading. */
  depth: number;
  /** The source anchor id (`<h2 id="…">` or `## Title {#…}`), shared across locales. */
  anchor: string | null;
  /** The translated heading. */
  title: Inline[];
  titleText: string;
  position: Span | null;
  steps: Step[];
}

export type Step = ProseStep | ListStep | AsideStep | CodeStep | TableStep | OtherStep;

export interface ProseStep {
  kind: 'prose';
  content: Inline[];
  /** Plain text of `content`, for search and comparisons. */
  text: string;
  position: Span | null;
}

export interface ListStep {
  kind: 'list';
  ordered: boolean;
  /** Each item is itself a sequence of steps (a list item may hold prose, code and lists). */
  items: Step[][];
  position: Span | null;
}

export type AsideVariant = 'note' | 'tip' | 'caution' | 'danger';

export interface AsideStep {
  kind: 'aside';
  variant: AsideVariant;
  steps: Step[];
  position: Span | null;
}

export interface TableStep {
  kind: 'table';
  /** rows[0] is the header row; each cell is inline content. */
  rows: Inline[][][];
  position: Span | null;
}

/** Block content the model keeps but does not interpret: raw HTML, quotes, rules, headings nested in lists. */
export interface OtherStep {
  kind: 'other';
  type: string;
  text: string;
  position: Span | null;
}

/** The language family a code block is validated and compared as. */
export type CodeLanguage = 'yaml' | 'shell' | 'python' | 'json' | 'text' | 'other';

/**
 * What the reader does with a block: runs it, saves it as a file, compares it with what they see,
 * or reads it as an example.
 */
export type CodeRole = 'command' | 'file' | 'output' | 'snippet';

/**
 * Where a code line's characters sit in the source: from `offset` (in the code text) on, characters
 * map one to one onto source columns starting at `line`:`column`, up to the next segment.
 * Stored as tuples to keep serialised models small.
 */
export type Segment = [offset: number, line: number, column: number];

export interface CodeStep {
  kind: 'code';
  /** The language exactly as written (`bash`, `shell`, `yml`, …), or null when none was given. */
  lang: string | null;
  language: CodeLanguage;
  role: CodeRole;
  /** The file this block is the content of, or the file it was printed from; null when unnamed. */
  fileName: string | null;
  /** Why `fileName` was chosen: an explicit meta title, the prose before, or a later command. */
  fileNameSource: 'meta' | 'prose' | 'command' | null;
  /** The block's text exactly as a reader copies it (no trailing newline). */
  text: string;
  /** Source position of the first character of every line of `text`. */
  lines: Point[];
  /** Finer mapping inside lines (highlight spans and entities move columns in HTML sources). */
  segments: Segment[];
  /** Fence meta string (Markdown only), e.g. `title="ingress.yaml"`. */
  meta: string | null;
  position: Span | null;
}
