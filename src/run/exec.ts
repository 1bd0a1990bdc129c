/**
 * Running a safe local tool for real, and nothing else: the program is looked up in system
 * folders only, gets no shell, a minimal environment, the sandbox as its working folder, no
 * network (a fresh network namespace with `unshare --net`), resource limits (`prlimit`), a time
 * limit (`timeout`, and a kill of the whole process group as a backstop) and, when the runner is
 * root, the unprivileged user nobody (`setpriv`). When network isolation is not available the
 * tool is not run at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { UNPRIVILEGED_ID } from './sandbox.ts';

const SYSTEM_FOLDERS = ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin'];

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the tool could not be started (missing program, no isolation). */
  notRun?: string;
}

export interface ExecOptions {
  cwd: string;
  timeLimitMs: number;
  /** Extra environment variables (already vetted by the caller). */
  env?: Record<string, string>;
}

/** Resource limits applied to every real command. */
export const LIMITS = {
  cpuSeconds: 30,
  addressSpaceBytes: 1024 * 1024 * 1024,
  fileSizeBytes: 16 * 1024 * 1024,
  openFiles: 64,
  outputBytes: 64 * 1024,
};

export function findProgram(name: string): string | null {
  if (!/^[\w.-]+$/.test(name)) return null;
  for (const folder of SYSTEM_FOLDERS) {
    const path = `${folder}/${name}`;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // next folder
    }
  }
  return null;
}

interface Isolation {
  /** Command prefix that puts the tool in a new network namespace (and drops privileges when root). */
  prefix: string[];
  /** uid/gid the tool runs as, when privileges are dropped. */
  runAs: number | null;
}

let isolation: Isolation | null | undefined;

/** How tools are isolated on this machine, or null when no network isolation is possible. */
export function detectIsolation(): Isolation | null {
  if (isolation !== undefined) return isolation;
  isolation = null;
  const unshare = findProgram('unshare');
  if (!unshare) return isolation;
  const works = (args: string[]): boolean => spawnSync(unshare, [...args, '--', findProgram('true') ?? '/bin/true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const setpriv = findProgram('setpriv');
  if (root && works(['--net'])) {
    const drop = setpriv ? [setpriv, `--reuid=${UNPRIVILEGED_ID}`, `--regid=${UNPRIVILEGED_ID}`, '--clear-groups', '--no-new-privs', '--'] : [];
    isolation = { prefix: [unshare, '--net', '--', ...drop], runAs: setpriv ? UNPRIVILEGED_ID : null };
  } else if (works(['--map-root-user', '--net'])) {
    isolation = { prefix: [unshare, '--map-root-user', '--net', '--'], runAs: null };
  }
  return isolation;
}

/** Run `program args…` confined as described above. The caller has vetted program and arguments. */
export function runConfined(program: string, args: string[], options: ExecOptions): Promise<ExecResult> {
  const path = findProgram(program);
  if (!path) return Promise.resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, notRun: `\`${program}\` is not installed in a system folder` });
  const iso = detectIsolation();
  if (!iso) return Promise.resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, notRun: 'no network isolation is available (unshare --net failed), so nothing is run for real' });
  const timeout = findProgram('timeout');
  const prlimit = findProgram('prlimit');
  if (!timeout || !prlimit) return Promise.resolve({ code: null, signal: null, stdout: '', stderr: '', timedOut: false, notRun: '`timeout` and `prlimit` are needed to run tools for real' });
  const seconds = Math.max(1, Math.ceil(options.timeLimitMs / 1000));
  const argv = [
    ...iso.prefix,
    prlimit,
    `--cpu=${LIMITS.cpuSeconds}`,
    `--as=${LIMITS.addressSpaceBytes}`,
    `--fsize=${LIMITS.fileSizeBytes}`,
    `--nofile=${LIMITS.openFiles}`,
    `--core=0`,
    '--',
    timeout,
    '--signal=KILL',
    `${seconds}`,
    path,
    ...args,
  ];
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: options.cwd, LANG: 'C', LC_ALL: 'C', TMPDIR: options.cwd, RANDFILE: `${options.cwd}/.rnd`, ...options.env };
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true, shell: false });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const take = (current: string, chunk: Buffer): string => (current.length >= LIMITS.outputBytes ? current : current + chunk.toString('utf8').slice(0, LIMITS.outputBytes - current.length));
    child.stdout.on('data', (chunk: Buffer) => (stdout = take(stdout, chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = take(stderr, chunk)));
    // Backstop: kill the whole process group shortly after the limit if `timeout` did not.
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeLimitMs + 1500);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, signal: null, stdout, stderr, timedOut, notRun: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // `timeout --signal=KILL` kills the tool, then itself with the same signal (or exits 124/137).
      const killed = signal === 'SIGKILL' || code === 137 || code === 124;
      if (killed && Date.now() - started >= options.timeLimitMs - 250) timedOut = true;
      const result: ExecResult = { code, signal, stdout, stderr, timedOut };
      resolvePromise(result);
    });
  });
}
