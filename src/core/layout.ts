/**
 * Where guides live on disk: a content root holds one folder per locale, and a guide is known by
 * its path relative to that folder (`content/ru/aws_layer7.md` is guide `aws_layer7.md` in `ru`).
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { KNOWN_LOCALES } from './locales.ts';

export interface GuideFile {
  /** Path as the user would see it (relative to the working directory when inside it). */
  path: string;
  absolutePath: string;
  /** Locale folder name, or null when the file sits outside any locale folder. */
  locale: string | null;
  /** Path under the locale folder, `/`-separated: the key that pairs a guide across locales. */
  relativePath: string;
  /** The content root (parent of the locale folders), when known. */
  root: string | null;
}

const GUIDE_EXTENSIONS = /\.(md|markdown|html?|txt)$/i;

export class LayoutError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

/** Expand files and folders into guide files, sorted for deterministic output. */
export async function discoverGuides(inputs: string[], cwd = process.cwd()): Promise<GuideFile[]> {
  const found = new Map<string, GuideFile>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    let info;
    try {
      info = statSync(absolute);
    } catch (error) {
      throw new LayoutError(input, `Cannot read ${input}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
    }
    if (info.isFile()) {
      const file = describe(absolute, cwd);
      found.set(file.absolutePath, file);
      continue;
    }
    if (!info.isDirectory()) throw new LayoutError(input, `Cannot read ${input}: not a regular file or folder`);
    let paths: string[];
    try {
      paths = walk(absolute);
    } catch (error) {
      throw new LayoutError(input, `Cannot read ${input}: ${(error as Error).message}`);
    }
    for (const path of paths) {
      const file = describe(path, cwd, absolute);
      found.set(file.absolutePath, file);
    }
  }
  return [...found.values()].sort(compareGuideFiles);
}

/**
 * Every guide file under `folder`. Read synchronously: the asynchronous walk waits for one
 * thread-pool round trip per folder, and nothing else can go on meanwhile (a third of the time
 * on the corpus's folders).
 */
function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && GUIDE_EXTENSIONS.test(entry.name) && !/^readme\./i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split(sep).some((part) => part === 'node_modules' || part.startsWith('.')))
    .sort();
}

function describe(absolutePath: string, cwd: string, givenRoot?: string): GuideFile {
  const parts = absolutePath.split(sep);
  let localeIndex = -1;
  const rootParts = givenRoot ? givenRoot.split(sep).length : 0;
  for (let i = parts.length - 2; i >= Math.max(0, rootParts - 1); i--) {
    if (KNOWN_LOCALES.includes(parts[i]!.toLowerCase())) {
      localeIndex = i;
      break;
    }
  }
  const shown = relative(cwd, absolutePath);
  const path = shown.startsWith('..') || shown === '' ? absolutePath : shown;
  if (localeIndex === -1) {
    return { path, absolutePath, locale: null, relativePath: parts.at(-1)!, root: null };
  }
  return {
    path,
    absolutePath,
    locale: parts[localeIndex]!.toLowerCase(),
    relativePath: parts.slice(localeIndex + 1).join('/'),
    root: parts.slice(0, localeIndex).join(sep) || sep,
  };
}

/**
 * The same guide in the other locale folders of its content root, for the files in `files` that
 * lack them (`polyguide check content/de/guide.md` is checked against `content/en/guide.md` and
 * the rest): what a translation is cross-checked with when only it was named. `inputs` are the
 * paths discoverGuides was given: a content root inside a folder among them needs no look.
 */
export async function localeSiblings(files: GuideFile[], cwd = process.cwd(), inputs: string[] = []): Promise<GuideFile[]> {
  const present = new Set(files.map((file) => file.absolutePath));
  const localesByRoot = new Map<string, string[]>();
  const siblings = new Map<string, GuideFile>();
  const walked = walkedRoots(files, inputs, cwd);
  for (const file of files) {
    if (file.root === null || file.locale === null || walked.has(file.root)) continue;
    let locales = localesByRoot.get(file.root);
    if (!locales) {
      let entries: Dirent[] = [];
      try {
        entries = readdirSync(file.root, { withFileTypes: true });
      } catch {
        // An unreadable root: its files have no siblings to add.
      }
      locales = entries.filter((entry) => entry.isDirectory() && KNOWN_LOCALES.includes(entry.name.toLowerCase())).map((entry) => entry.name);
      localesByRoot.set(file.root, locales);
    }
    for (const locale of locales) {
      const absolutePath = join(file.root, locale, ...file.relativePath.split('/'));
      if (present.has(absolutePath) || siblings.has(absolutePath)) continue;
      let isFile = false;
      try {
        // Most guides lack some translations: a missing file is an answer, not an error to build.
        isFile = statSync(absolutePath, { throwIfNoEntry: false })?.isFile() ?? false;
      } catch {
        // Unreadable on the way (a file where a folder should be): the guide is checked with the locales it has.
      }
      if (isFile) siblings.set(absolutePath, describe(absolutePath, cwd, file.root));
    }
  }
  return [...siblings.values()];
}

/**
 * The content roots of `files` that lie in a folder among `inputs` (or are one): discoverGuides
 * listed every guide file there, so a sibling not among `files` does not exist.
 */
function walkedRoots(files: GuideFile[], inputs: string[], cwd: string): Set<string> {
  const folders = inputs.map((input) => resolve(cwd, input)).filter((folder) => statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false);
  const walked = new Set<string>();
  if (folders.length === 0) return walked;
  for (const file of files) {
    const root = file.root;
    if (root === null || walked.has(root)) continue;
    if (folders.some((folder) => root === folder || root.startsWith(folder.endsWith(sep) ? folder : folder + sep))) walked.add(root);
  }
  return walked;
}

/** Files in the order discoverGuides gives them: by guide, then by locale. */
export function compareGuideFiles(a: GuideFile, b: GuideFile): number {
  return a.relativePath === b.relativePath ? (a.locale ?? '').localeCompare(b.locale ?? '') : a.relativePath < b.relativePath ? -1 : 1;
}
