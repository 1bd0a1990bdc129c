/**
 * The sandbox: a fresh temporary folder per run. Every path a guide names is resolved here and
 * confined to it: absolute paths, `~` and any `..` segment are refused, and so is a path whose
 * existing part leads out of the folder through a link.
 *
 * The folder is made when something is first written or a real tool first runs: most guides
 * write nothing, and a folder made, owned and removed per guide was most of the cost of checking
 * a large docs tree with run/*. Until then nothing exists in it, so every lookup answers at once.
 */
import { randomUUID } from 'node:crypto';
import { chown, readFile, realpath, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';

/** Where a file in the sandbox came from. */
export type FileOrigin =
  /** Written from a code block of the guide (role `file`). */
  | 'guide'
  /** Produced by a command (openssl, echo > file). */
  | 'command'
  /** Brought by the reader (declared or inferred prerequisite); a stand-in was written. */
  | 'reader'
  /** Named as the target of a download or of output the simulation cannot know: its content is unknown. */
  | 'unknown';

export interface FileRecord {
  /** Sandbox-relative, `/`-separated, normalised (no `./`). */
  path: string;
  origin: FileOrigin;
  /** Source line of the step or command that produced it. */
  line: number;
  /** A short description of the producer, e.g. "openssl genrsa" or "the YAML block". */
  by: string;
}

export type Resolved = { ok: true; path: string; absolute: string } | { ok: false; reason: string };

/** Owner given to the sandbox when real tools run with dropped privileges (nobody). */
export const UNPRIVILEGED_ID = 65534;

export class Sandbox {
  readonly root: string;
  /** Current directory, sandbox-relative ('' is the root). */
  cwd = '';
  readonly files = new Map<string, FileRecord>();
  /** When set, files the runner writes are handed to this uid/gid so a tool run as it can replace them. */
  owner: number | null = null;
  /**
   * Set once a step changed to a folder outside the sandbox (`cd /data` inside a pod, on a node):
   * the run stays in the sandbox, but the reader's working folder is no longer known.
   */
  outside: { path: string; line: number } | null = null;

  /** Whether the folder exists (see materialize). */
  private made = false;
  /**
   * Whether a real tool may have run here. Only a tool can put a link in the folder (the sandbox's
   * own writes make files and folders), so until one runs no path can lead out through a link.
   */
  private toolsRan = false;

  private constructor(root: string) {
    this.root = root;
  }

  /** A sandbox under `parent`; its folder is made on first use, or at once with `{ now: true }`. */
  static async create(parent: string = tmpdir(), options: { now?: boolean } = {}): Promise<Sandbox> {
    const sandbox = new Sandbox(join(await realParent(parent), `polyguide-run-${randomUUID()}`));
    if (options.now) await sandbox.materialize();
    return sandbox;
  }

  /** Makes the folder (private to this user, or handed to `owner`) if it does not exist yet. */
  async materialize(): Promise<void> {
    if (this.made) return;
    // Not recursive: an existing folder of that name is an error, never reused.
    await mkdir(this.root, { mode: 0o700 });
    this.made = true;
    if (this.owner !== null) await chown(this.root, this.owner, this.owner).catch(() => undefined);
  }

  /**
   * The folder a real tool runs in (the current directory, as an absolute path, so that the
   * tool's relative paths match the run's). From here on, paths are checked for links.
   */
  async toolFolder(): Promise<string> {
    await this.materialize();
    this.toolsRan = true;
    return this.cwd === '' ? this.root : join(this.root, ...this.cwd.split('/'));
  }

  /**
   * Resolve a path a guide names, relative to the current directory. Refuses absolute paths, `~`,
   * `..` segments, NUL bytes and empty names.
   */
  resolve(name: string): Resolved {
    if (name === '') return { ok: false, reason: 'an empty path' };
    if (name.includes('\0')) return { ok: false, reason: 'a path with a NUL byte' };
    if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\')) return { ok: false, reason: `the absolute path \`${name}\`` };
    if (name === '~' || name.startsWith('~/') || /^~[\w.-]*\//.test(name)) return { ok: false, reason: `the home-relative path \`${name}\`` };
    if (name.split(/[\\/]/).includes('..')) return { ok: false, reason: `the path \`${name}\` that climbs out with \`..\`` };
    const path = posix.normalize(posix.join(this.cwd, name.replace(/\\/g, '/'))).replace(/\/$/, '');
    const clean = path === '.' ? '' : path;
    if (clean.startsWith('..')) return { ok: false, reason: `the path \`${name}\` outside the sandbox` };
    return { ok: true, path: clean, absolute: clean === '' ? this.root : join(this.root, ...clean.split('/')) };
  }

  /** Like resolve, and also refuses a path whose existing part leaves the sandbox through a link. */
  async resolveReal(name: string): Promise<Resolved> {
    const resolved = this.resolve(name);
    if (!resolved.ok || !this.toolsRan) return resolved;
    let probe = resolved.absolute;
    for (;;) {
      try {
        const real = await realpath(probe);
        const rel = relative(this.root, real);
        if (rel.startsWith('..') || rel.startsWith(sep) || (rel !== '' && /^[A-Za-z]:/.test(rel))) return { ok: false, reason: `the path \`${name}\` that leads out of the sandbox` };
        return resolved;
      } catch {
        if (probe === this.root) return resolved;
        probe = dirname(probe);
      }
    }
  }

  async write(name: string, content: string | Uint8Array, record: Omit<FileRecord, 'path'>): Promise<Resolved> {
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return resolved;
    await this.materialize();
    await mkdir(dirname(resolved.absolute), { recursive: true });
    await writeFile(resolved.absolute, content, { mode: 0o644 });
    if (this.owner !== null) await chown(resolved.absolute, this.owner, this.owner).catch(() => undefined);
    this.files.set(resolved.path, { path: resolved.path, ...record });
    return resolved;
  }

  /** The file's bytes, or null when it does not exist (or is not a regular file). */
  async read(name: string): Promise<Buffer | null> {
    if (!this.made) return null;
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return null;
    try {
      if (!(await stat(resolved.absolute)).isFile()) return null;
      return await readFile(resolved.absolute);
    } catch {
      return null;
    }
  }

  async exists(name: string): Promise<boolean> {
    if (!this.made) return this.isRoot(name);
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return false;
    try {
      await stat(resolved.absolute);
      return true;
    } catch {
      return false;
    }
  }

  async isDirectory(name: string): Promise<boolean> {
    if (!this.made) return this.isRoot(name);
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return false;
    try {
      return (await stat(resolved.absolute)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Whether `name` is the sandbox folder itself (which exists for the guide even before it is made). */
  private isRoot(name: string): boolean {
    const resolved = this.resolve(name);
    return resolved.ok && resolved.path === '';
  }

  /** Record a file a command produced, once it exists. */
  note(path: string, record: Omit<FileRecord, 'path'>): void {
    const resolved = this.resolve(path);
    if (resolved.ok) this.files.set(resolved.path, { path: resolved.path, ...record });
  }

  record(name: string): FileRecord | undefined {
    const resolved = this.resolve(name);
    return resolved.ok ? this.files.get(resolved.path) : undefined;
  }

  async removeEntry(name: string, recursive: boolean): Promise<Resolved> {
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return resolved;
    if (resolved.path === '') return { ok: false, reason: 'the sandbox folder itself' };
    if (this.made) await rm(resolved.absolute, { recursive, force: true });
    for (const key of [...this.files.keys()]) if (key === resolved.path || key.startsWith(`${resolved.path}/`)) this.files.delete(key);
    return resolved;
  }

  async makeDirectory(name: string): Promise<Resolved> {
    const resolved = await this.resolveReal(name);
    if (!resolved.ok) return resolved;
    await this.materialize();
    await mkdir(resolved.absolute, { recursive: true });
    if (this.owner !== null) await chown(resolved.absolute, this.owner, this.owner).catch(() => undefined);
    return resolved;
  }

  async dispose(): Promise<void> {
    if (this.made) await rm(this.root, { recursive: true, force: true });
    this.made = false;
  }
}

/** The temporary folder's real path, found once per folder (it can be a link, as on macOS). */
const realParents = new Map<string, Promise<string>>();

function realParent(parent: string): Promise<string> {
  let real = realParents.get(parent);
  if (!real) {
    real = realpath(parent);
    realParents.set(parent, real);
    real.catch(() => realParents.delete(parent));
  }
  return real;
}
