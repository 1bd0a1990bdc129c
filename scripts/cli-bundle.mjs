// The `polyguide` command runs from a bundle of its own sources (esbuild, ES modules, split at the
// command's lazy imports), built on first use and rebuilt whenever one of its inputs changes.
// Loading some 550 modules one by one (resolving each, reading package.json scopes) took about
// 0.1 s of every run; one bundle loads in a fraction of that. The bundle is a cache, never the
// only way: when it cannot be built or loaded, or POLYGUIDE_BUNDLE=0 is set, the command imports
// its sources as before, with the same results (test/cli/bundle.test.ts compares the two).
//
// Plain JavaScript, like the entry, so that Node need not load its TypeScript stripper to start.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'src', 'cli', 'main.ts');
/** Bundles live here, each in its own folder, and `current.json` names the one to use. */
export const BUNDLE_CACHE = join(ROOT, 'node_modules', '.cache', 'polyguide-cli');
/** Bumped when the way bundles are built changes, so that older bundles are not used. */
const FORMAT = 1;
/**
 * Packages that find files beside their own modules (sh-syntax reads its WebAssembly from there):
 * loaded from node_modules as usual. (The Kubernetes models a guide names by a computed name are
 * too, at run time; the common ones are imported by name in src/check/kubernetes.ts and bundled.)
 */
const EXTERNAL = ['sh-syntax'];
/** npm rewrites this file whenever it changes node_modules (package files keep npm's fixed dates). */
const INSTALL_STAMP = join(ROOT, 'node_modules', '.package-lock.json');

/** The CLI's `main`, from the bundle when one is (or can be made) current, else from the sources. */
export async function loadMain() {
  if (process.env.POLYGUIDE_BUNDLE !== '0') {
    try {
      const entry = currentBundle() ?? (await buildBundle());
      if (entry) return (await import(pathToFileURL(entry).href)).main;
    } catch {
      // A bundle that cannot be built or loaded is only a slower start: the sources are used.
    }
  }
  return (await import('../src/cli/main.ts')).main;
}

/** The bundle's entry file, when the pointer names a bundle built from exactly the files on disk. */
export function currentBundle(cache = BUNDLE_CACHE) {
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8'));
  } catch {
    return null;
  }
  if (pointer?.format !== FORMAT || pointer.node !== process.version || !Array.isArray(pointer.inputs)) return null;
  for (const [file, size, mtimeMs] of pointer.inputs) {
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info || info.size !== size || info.mtimeMs !== mtimeMs) return null;
  }
  return join(cache, pointer.folder, 'main.mjs');
}

/**
 * Bundle the sources into a new folder, then point at it (an atomic rename, so that concurrent
 * runs see the old bundle or the new one, never half of one). Returns the entry file, or null
 * when esbuild is not installed.
 */
export async function buildBundle(cache = BUNDLE_CACHE) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const started = Date.now();
  const folder = `bundle-${process.pid}-${started}`;
  const outdir = join(cache, folder);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // ES module builds first: packages whose `node` export is CommonJS (yaml) still work, through
    // the `require` defined in the banner.
    mainFields: ['module', 'main'],
    external: EXTERNAL,
    // sh-syntax wrongly declares its Go runtime free of side effects; no package here relies on
    // the hints for correctness, only for size.
    ignoreAnnotations: true,
    banner: { js: "import { createRequire as polyguideCreateRequire } from 'node:module'; const require = polyguideCreateRequire(import.meta.url);" },
    plugins: [keepModuleLocations],
    outdir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes(':'))
    .map((input) => resolve(ROOT, input));
  if (statSync(INSTALL_STAMP, { throwIfNoEntry: false })) inputs.push(INSTALL_STAMP);
  const stamped = inputs.map((file) => {
    const info = statSync(file);
    return [file, info.size, info.mtimeMs];
  });
  // An input (a source, or the install) changed while it was being bundled: the bundle may hold
  // its older text, so it is used this once but not pointed at.
  if (stamped.some(([, , mtimeMs]) => mtimeMs >= started)) return join(outdir, 'main.mjs');
  const pointer = join(cache, 'current.json');
  const temporary = `${pointer}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ format: FORMAT, node: process.version, folder, inputs: stamped }));
  renameSync(temporary, pointer);
  removeOldBundles(cache, folder);
  return join(outdir, 'main.mjs');
}

/**
 * Our modules locate files beside themselves (the Worker's script, the sources to fingerprint,
 * the resolution of sh-syntax's WebAssembly): in the bundle each keeps its own URL.
 */
const keepModuleLocations = {
  name: 'polyguide-keep-module-locations',
  setup(build) {
    const ours = join(ROOT, 'src') + '/';
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(ours)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/** Keeps the new bundle and the one before it (a run that started on it may still load its chunks). */
function removeOldBundles(cache, keep) {
  let folders;
  try {
    folders = readdirSync(cache).filter((name) => name.startsWith('bundle-') && name !== keep);
  } catch {
    return;
  }
  const newestFirst = folders.map((name) => ({ name, mtimeMs: statSync(join(cache, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of newestFirst.slice(1)) rmSync(join(cache, name), { recursive: true, force: true });
}
