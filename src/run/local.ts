/**
 * Local commands: openssl really runs (confined by exec.ts, its arguments vetted here: known
 * subcommands only, no engines or providers, every path inside the sandbox); shell builtins and
 * file utilities are simulated on the sandbox (echo, printf, cat, export, unset, cd, pwd, mkdir,
 * touch, rm, cp, mv, ls, sleep, true, false, `:`); downloads (curl, wget) are never performed;
 * commands that would run other commands or escalate (sudo, sh -c, eval, xargs…) are blocked.
 */
import { copyFile, readdir, rename } from 'node:fs/promises';
import { REAL_TOOLS } from './real-tools.ts';
import { runConfinedRemembered } from './remembered-runs.ts';
import type { RunWord } from './shell.ts';
import { code, failed, simulated, skipped, type CommandOutcome, type SimContext } from './simulators/context.ts';
import { readInput } from './simulators/files.ts';
import { lookupTable, setOwn } from '../core/content-keys.ts';
import { RUN_LIMITS } from './budget.ts';

// ---------------------------------------------------------------------------------------------
// openssl

const OPENSSL_SUBCOMMANDS = ['genrsa', 'genpkey', 'req', 'x509', 'rsa', 'ec', 'ecparam', 'pkey', 'pkeyparam', 'rand', 'dgst', 'verify', 'version', 'base64', 'pkcs12', 'crl', 'asn1parse', 'dhparam', 'prime', 'pkcs8', 'ca'];
const OPENSSL_NETWORK = ['s_client', 's_server', 's_time', 'ocsp'];
const OPENSSL_BLOCKED_OPTIONS = ['-engine', '-provider', '-provider-path', '-keygen_engine', '-ssl_client_engine', '-propquery'];
/** Options whose values are not paths (they may start with `/`, like `-subj /CN=…`). */
const OPENSSL_TEXT_OPTIONS = ['-subj', '-addext', '-extensions', '-reqexts', '-name', '-set_serial', '-days', '-newkey', '-pkeyopt', '-algorithm', '-digest', '-sigopt', '-nameopt', '-certopt', '-md', '-aes256', '-checkend', '-purpose', '-setalias', '-caname'];
/** Options that name a file the tool reads. */
const OPENSSL_INPUTS = ['-in', '-key', '-signkey', '-CA', '-CAkey', '-config', '-extfile', '-inkey', '-CAfile', '-certfile', '-cert', '-paramfile', '-untrusted'];
/** Options that name a file the tool writes. */
const OPENSSL_OUTPUTS = ['-out', '-keyout'];

/** Words of a line that says why openssl failed (`req: Error on line 15 of config file`, `Could not open file`). */
const OPENSSL_FAILURE = /\b(?:error|unable|can't|cannot|could not|no such|unknown|invalid|bad|missing|not found|failed|expecting|wrong)\b/i;

/**
 * The line of a failed openssl run's output that says why it failed. openssl prints its warnings
 * first: a broken `-config` file gave `Ignoring -days without -x509; not generating a certificate`
 * as the reason, and the `Error on line 15 of config file` after it went unseen.
 */
export function opensslFailureLine(output: string): string | null {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines.find((line) => OPENSSL_FAILURE.test(line)) ?? lines[0] ?? null;
}

/** openssl's words for the line of a config file it could not read. */
const CONFIG_FILE_LINE = /\bline (\d+) of config file "([^"]+)"/;

/**
 * `, which is line 42 of this page` when the failure names a line of a config file that a block
 * of the guide wrote: the translator edits the page, not the file.
 */
function configLineInPage(reason: string, context: SimContext): string {
  const match = CONFIG_FILE_LINE.exec(reason);
  if (!match) return '';
  const resolved = context.sandbox.resolve(match[2]!);
  const point = resolved.ok ? context.blockOfFile(resolved.path)?.block.lines[Number(match[1]) - 1] : undefined;
  return point ? `, which is line ${point.line} of this page` : '';
}

export async function openssl(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const sub = words[1];
  if (!sub) return blocked(context, words[0]!, '`openssl` without a subcommand (an interactive prompt)', 'a subcommand such as `genrsa`, `req` or `x509`', 'run/invalid-command');
  if (OPENSSL_NETWORK.includes(sub.value)) {
    context.report({ rule: 'run/network', severity: 'info', message: `Unexpected \`openssl ${sub.value}\` that opens network connections, expected offline steps: it is not run`, word: sub });
    return skipped(`\`openssl ${sub.value}\` needs the network`);
  }
  if (!OPENSSL_SUBCOMMANDS.includes(sub.value)) {
    return blocked(context, sub, `\`openssl ${sub.value}\``, `an openssl subcommand the runner allows (${OPENSSL_SUBCOMMANDS.slice(0, 9).join(', ')}, …)`, 'run/unsupported-command', 'info');
  }
  const args = words.slice(2);
  const outputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const value = word.value;
    if (OPENSSL_BLOCKED_OPTIONS.includes(value)) return blocked(context, word, `the option ${code(value)}, which loads code`, 'plain openssl options (engines and providers are never loaded)');
    const previous = args[i - 1]?.value;
    if (previous && OPENSSL_TEXT_OPTIONS.includes(previous)) {
      if (previous === '-newkey' || previous === '-pkeyopt') {
        const after = value.includes(':') ? value.slice(value.indexOf(':') + 1) : '';
        if (after && unsafe(context, after)) return outside(context, word, `${unsafe(context, after)} in ${code(value)}`);
      }
      continue;
    }
    for (const candidate of pathCandidates(value)) {
      const reason = unsafe(context, candidate);
      if (reason) return outside(context, word, reason);
    }
    if (previous && OPENSSL_INPUTS.includes(previous)) {
      const input = await readInput(context, word, value, previous === '-key' || previous === '-signkey' || previous === '-inkey' || previous === '-CAkey' ? 'private-key' : 'any', previous);
      if (!input.ok) return input.unknown ? skipped(`${code(value)} is not known offline`) : failed(`${code(value)} is missing`);
    }
    if (previous && OPENSSL_OUTPUTS.includes(previous)) outputs.push(value);
    if (previous === '-passin' || previous === '-passout') {
      if (value.startsWith('file:') && !(await context.sandbox.exists(value.slice(5)))) return blocked(context, word, `the password file ${code(value.slice(5))} that no step creates`, 'a file an earlier step creates', 'run/missing-file');
    }
  }
  if (!context.realTools) return skipped('real tools are disabled for this run (openssl not run)');
  if (!context.budget.realToolsLeft()) {
    if (!context.budget.realToolLimitReported) {
      context.budget.realToolLimitReported = true;
      context.report({ rule: 'run/too-many-commands', severity: 'info', message: `Unexpected more than ${RUN_LIMITS.realToolRuns} openssl runs or ${RUN_LIMITS.realToolMs / 1000} s of them in one guide, expected a guide a reader can follow: this one and the later ones were not run`, word: words[0]! });
    }
    return skipped(`the guide's openssl runs are spent (${RUN_LIMITS.realToolRuns} runs or ${RUN_LIMITS.realToolMs / 1000} s)`);
  }
  const started = Date.now();
  const result = await runConfinedRemembered('openssl', words.slice(1).map((word) => word.value), context.sandbox, { timeLimitMs: context.timeLimitMs });
  context.budget.realToolRuns++;
  context.budget.realToolMs += Date.now() - started;
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.notRun) {
    context.report({ rule: 'run/not-run', severity: 'info', message: `Unexpected environment: ${result.notRun}, expected an isolated openssl (the command was not run)`, word: words[0]! });
    return skipped(result.notRun);
  }
  if (result.timedOut) {
    context.report({ rule: 'run/timeout', severity: 'error', message: `Unexpected \`openssl ${sub.value}\` still running after ${Math.round(context.timeLimitMs / 1000)} s, expected it to finish (it was stopped; check its parameters)`, word: sub });
    return failed(`stopped after ${Math.round(context.timeLimitMs / 1000)} s`, output);
  }
  if (result.code === null && result.signal) {
    context.report({ rule: 'run/resource-limit', severity: 'error', message: `Unexpected end of \`openssl ${sub.value}\` by ${result.signal}, expected it to finish within the resource limits (CPU, memory, file size)`, word: sub });
    return failed(`stopped by ${result.signal}`, output);
  }
  if (result.code !== 0) {
    const reason = opensslFailureLine(output) ?? `exit status ${result.code}`;
    context.report({ rule: 'run/command-failed', severity: 'error', message: `Unexpected failure of \`openssl ${sub.value}\` (${reason}${configLineInPage(reason, context)}), expected it to succeed`, word: sub });
    return failed(`openssl exited with ${result.code ?? result.signal}`, output);
  }
  for (const name of outputs) if (await context.sandbox.exists(name)) context.sandbox.note(name, { origin: 'command', line: context.lineOf(sub), by: `openssl ${sub.value}` });
  return { status: 'ran', output, note: `openssl ${sub.value} ran${outputs.length > 0 ? `, wrote ${outputs.map(code).join(', ')}` : ''}`, printed: { type: 'text', text: output } };
}

/** The parts of an argument that may be paths: the whole, and what follows `file:`, `=`. */
function pathCandidates(value: string): string[] {
  const candidates = [value];
  const colon = /^(?:file|dir|env|fd):(.*)$/.exec(value);
  if (colon) candidates.push(colon[1]!);
  const eq = value.indexOf('=');
  if (eq > 0) candidates.push(value.slice(eq + 1));
  return candidates;
}

function unsafe(context: SimContext, candidate: string): string | null {
  if (!candidate.startsWith('/') && !candidate.startsWith('~') && !candidate.split(/[\\/]/).includes('..')) return null;
  const resolved = context.sandbox.resolve(candidate);
  return resolved.ok ? null : resolved.reason;
}

/**
 * A command the runner does not run: `run/blocked` and the other "not run" notices are info (the
 * page is not wrong, the runner just never does this); errors are for what the page gets wrong.
 */
function blocked(context: SimContext, word: RunWord, found: string, expected: string, rule = 'run/blocked', severity: 'error' | 'info' = rule === 'run/blocked' || rule === 'run/unsupported-command' || rule === 'run/unsupported-shell' ? 'info' : 'error'): CommandOutcome {
  context.report({ rule, severity, message: `Unexpected ${found}, expected ${expected}`, word });
  return severity === 'error' ? failed(`blocked: ${found}`) : skipped(`not run: ${found}`);
}

/**
 * A path outside the sandbox (`/etc/fstab` on a node, `/data` in a pod, `../x`): the command is not
 * run — nothing is ever read or written outside — and, the page not being wrong for naming a system
 * path, this is an info.
 */
export function outside(context: SimContext, word: RunWord, reason: string): CommandOutcome {
  context.report({ rule: 'run/unsafe-path', severity: 'info', message: `Unverified ${code(word.value)}: ${reason} is outside the guide's working folder, so this was not run (the runner never reads or writes outside its sandbox)`, word });
  return skipped(`not run: ${reason} is outside the working folder`, { type: 'unknown', reason: 'a command on paths outside the sandbox was not run' });
}

/** `rm -r /`, `rm -rf ~`, `rm -rf /*`, `rm -rf /usr`: removing a whole system or home folder is wrong in any guide. */
function destructive(value: string, recursive: boolean): boolean {
  if (!recursive) return false;
  const path = value.replace(/\/+$/, '').replace(/\/\*$/, '');
  return path === '' || path === '~' || path === '$HOME' || path === '${HOME}' || /^\/(bin|boot|dev|etc|home|lib|lib64|opt|proc|root|run|sbin|srv|sys|usr|var)$/.test(path);
}

// ---------------------------------------------------------------------------------------------
// Builtins and file utilities, simulated on the sandbox

/** Commands that start other programs, shells or privileges: never run. */
const ESCALATING = ['sudo', 'su', 'doas', 'pkexec', 'eval', 'exec', 'xargs', 'env', 'nohup', 'timeout', 'nice', 'chroot', 'unshare', 'nsenter', 'setsid', 'watch', 'crontab', 'at', 'systemctl', 'service', 'reboot', 'shutdown', 'mkfs', 'dd', 'mount', 'umount', 'chown', 'kill', 'killall', 'pkill'];
const SHELLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'source', '.'];
const NETWORK = ['curl', 'wget', 'ssh', 'scp', 'rsync', 'nc', 'ncat', 'telnet', 'ftp', 'git', 'ping', 'dig', 'nslookup', 'grpcurl'];

export function isLocalCommand(name: string): boolean {
  return name in BUILTINS || ESCALATING.includes(name) || SHELLS.includes(name) || NETWORK.includes(name) || (REAL_TOOLS as readonly string[]).includes(name);
}

type Builtin = (words: RunWord[], context: SimContext) => Promise<CommandOutcome>;

const BUILTINS = lookupTable<Builtin>({
  ':': async () => simulated('no-op'),
  true: async () => simulated('no-op'),
  false: async () => ({ ...simulated('exit status 1'), exitCode: 1 }),
  echo: async (words) => {
    let args = words.slice(1).map((word) => word.value);
    let newline = true;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      args = args.slice(1);
    }
    const text = args.join(' ');
    return simulated('echo', newline ? text : text, { type: 'text', text });
  },
  printf: async (words) => {
    const [format, ...rest] = words.slice(1).map((word) => word.value);
    let index = 0;
    const text = (format ?? '').replace(/%[sdq]/g, () => rest[index++] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    return simulated('printf', text, { type: 'text', text });
  },
  cat: async (words, context) => {
    const heredoc = context.command.redirects.find((redirect) => redirect.heredoc);
    if (words.length === 1) {
      const text = heredoc?.heredoc?.body ?? context.stdin ?? '';
      return simulated('cat of a here-document', text, { type: 'text', text });
    }
    const parts: string[] = [];
    for (const word of words.slice(1)) {
      if (word.value.startsWith('-')) continue;
      const input = await readInput(context, word, word.value, 'any');
      if (!input.ok) return input.unknown ? skipped(`${code(word.value)} is not known offline`) : failed(`${code(word.value)} is missing`);
      parts.push(input.text.replace(/\n$/, ''));
    }
    const text = parts.join('\n');
    return simulated(`cat ${words.length - 1} file(s)`, text, { type: 'text', text });
  },
  export: async (words, context) => {
    for (const word of words.slice(1)) {
      if (word.value === '-p' || word.value === '-n') continue;
      const eq = word.value.indexOf('=');
      if (eq === -1) {
        if (!Object.hasOwn(context.env, word.value)) setOwn(context.env, word.value, '');
        continue;
      }
      const name = word.value.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return blocked(context, word, `variable name ${code(name)}`, 'a shell variable name', 'run/invalid-command');
      setOwn(context.env, name, word.value.slice(eq + 1));
    }
    return simulated('variables set');
  },
  unset: async (words, context) => {
    for (const word of words.slice(1)) delete context.env[word.value];
    return simulated('variables unset');
  },
  cd: async (words, context) => {
    const target = words[1];
    if (!target || target.value === '~') {
      context.sandbox.cwd = '';
      context.sandbox.outside = null;
      return simulated('cd to the sandbox folder');
    }
    if (context.sandbox.outside && !target.value.startsWith('/')) {
      // Relative to a folder outside the sandbox: still outside.
      context.sandbox.outside = { path: `${context.sandbox.outside.path.replace(/\/$/, '')}/${target.value}`, line: context.lineOf(target) };
      return skipped(`not run: \`cd ${target.value}\` is relative to a folder outside the working folder`);
    }
    const resolved = await context.sandbox.resolveReal(target.value);
    if (!resolved.ok) {
      // `cd /data` in a pod or on a node: the reader's folder; later steps there cannot be checked.
      context.sandbox.outside = { path: target.value, line: context.lineOf(target) };
      return outside(context, target, resolved.reason);
    }
    context.sandbox.outside = null;
    if (!(await context.sandbox.isDirectory(target.value))) {
      const parts = resolved.path.split('/');
      const unknownParent = parts.map((_, index) => context.sandbox.files.get(parts.slice(0, index + 1).join('/'))).find((entry) => entry?.origin === 'unknown');
      const maker = unknownParent ? `${unknownParent.by} (line ${unknownParent.line})` : context.mayHaveMade(resolved.path);
      if (!maker) {
        context.report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected \`cd ${target.value}\`, expected a folder that an earlier step creates`, word: target });
        return failed(`no folder ${code(target.value)}`);
      }
      context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified folder ${code(target.value)}: expected it from ${maker}; the run goes on in an empty folder`, word: target });
      await context.sandbox.makeDirectory(target.value);
      context.sandbox.note(target.value, { origin: 'unknown', line: context.lineOf(target), by: maker });
    }
    context.sandbox.cwd = resolved.path;
    return simulated(`cd ${resolved.path || '.'}`);
  },
  pwd: async (_words, context) => simulated('pwd', `/sandbox/${context.sandbox.cwd}`.replace(/\/$/, ''), { type: 'unknown', reason: 'the working folder is the reader’s' }),
  mkdir: async (words, context) => {
    for (const word of words.slice(1)) {
      if (word.value.startsWith('-')) continue;
      const made = await context.sandbox.makeDirectory(word.value);
      if (!made.ok) return outside(context, word, made.reason);
    }
    return simulated('folders made');
  },
  touch: async (words, context) => {
    for (const word of words.slice(1)) {
      if (word.value.startsWith('-')) continue;
      if (await context.sandbox.exists(word.value)) continue;
      const written = await context.sandbox.write(word.value, '', { origin: 'command', line: context.lineOf(word), by: 'touch' });
      if (!written.ok) return outside(context, word, written.reason);
    }
    return simulated('files touched');
  },
  rm: async (words, context) => {
    const flags = words.slice(1).filter((word) => /^-[a-zA-Z]+$/.test(word.value) || word.value.startsWith('--'));
    const recursive = flags.some((word) => /r|R/.test(word.value) || word.value === '--recursive');
    const force = flags.some((word) => word.value.includes('f') || word.value === '--force');
    const targets = words.slice(1).filter((word) => !flags.includes(word));
    // Check every target before removing anything.
    for (const word of targets) {
      if (destructive(word.value, recursive)) return blocked(context, word, `\`rm -r ${word.value}\`, which removes a whole system or home folder`, 'named files inside the guide’s working folder (the runner refused: nothing was removed)', 'run/unsafe-path', 'error');
      if (/[*?[]/.test(word.value) && !word.quoted) return blocked(context, word, `the pattern ${code(word.value)}`, 'plain file names (patterns are not expanded by the runner)', 'run/unsupported-shell', 'info');
      const resolved = await context.sandbox.resolveReal(word.value);
      if (!resolved.ok) return outside(context, word, resolved.reason);
      if (resolved.path === '') return blocked(context, word, `the removal of the whole working folder (${code(word.value)})`, 'named files inside it (the runner never removes its own folder)');
    }
    for (const word of targets) {
      const exists = await context.sandbox.exists(word.value);
      if (!exists) {
        if (force) continue;
        const resolved = context.sandbox.resolve(word.value);
        const maker = resolved.ok ? context.mayHaveMade(resolved.path) : null;
        if (maker) {
          context.report({ rule: 'run/unverified', severity: 'info', message: `Unverified ${code(word.value)}: expected a file an earlier step creates; it may come from ${maker}`, word });
          continue;
        }
        context.report({ rule: 'run/missing-file', severity: 'error', message: `Unexpected \`rm ${word.value}\`, expected a file that an earlier step creates (use \`-f\` for files that may not exist)`, word });
        return failed(`no file ${code(word.value)}`);
      }
      if ((await context.sandbox.isDirectory(word.value)) && !recursive) return blocked(context, word, `\`rm\` of the folder ${code(word.value)} without \`-r\``, '`rm -r` for folders', 'run/command-failed');
      await context.sandbox.removeEntry(word.value, recursive);
    }
    return simulated(`${targets.length} path(s) removed inside the sandbox`);
  },
  cp: async (words, context) => copyOrMove(words, context, 'cp'),
  mv: async (words, context) => copyOrMove(words, context, 'mv'),
  ls: async (words, context) => {
    const target = words.slice(1).find((word) => !word.value.startsWith('-'));
    if (target) {
      const resolved = await context.sandbox.resolveReal(target.value);
      if (!resolved.ok) return outside(context, target, resolved.reason);
    }
    const folder = context.sandbox.resolve(target?.value ?? '.');
    const names = folder.ok ? await readdir(folder.absolute).catch(() => [] as string[]) : [];
    const text = names.filter((name) => !name.startsWith('.')).sort().join('\n');
    return simulated('ls of the sandbox', text, { type: 'text', text });
  },
  sleep: async (words) => simulated(`sleep ${words[1]?.value ?? ''}: not waited (simulated)`),
  chmod: async (words, context) => {
    for (const word of words.slice(2)) {
      const resolved = await context.sandbox.resolveReal(word.value);
      if (!resolved.ok) return outside(context, word, resolved.reason);
    }
    return simulated('permissions changed (simulated)');
  },
});

async function copyOrMove(words: RunWord[], context: SimContext, verb: 'cp' | 'mv'): Promise<CommandOutcome> {
  const paths = words.slice(1).filter((word) => !word.value.startsWith('-'));
  if (paths.length !== 2) return blocked(context, words[0]!, `\`${verb}\` with ${paths.length} path(s)`, 'a source and a destination', 'run/unsupported-command', 'info');
  const [from, to] = paths as [RunWord, RunWord];
  for (const word of paths) {
    const resolved = await context.sandbox.resolveReal(word.value);
    if (!resolved.ok) return outside(context, word, resolved.reason);
  }
  const input = await readInput(context, from, from.value, 'any');
  if (!input.ok) return input.unknown ? skipped(`${code(from.value)} is not known offline`) : failed(`${code(from.value)} is missing`);
  const source = context.sandbox.resolve(from.value);
  let target = context.sandbox.resolve(to.value);
  if (!source.ok || !target.ok) return failed('unsafe path');
  if (await context.sandbox.isDirectory(to.value)) target = context.sandbox.resolve(`${to.value}/${source.path.split('/').pop()}`);
  if (!target.ok) return failed('unsafe path');
  if (verb === 'cp') await copyFile(source.absolute, target.absolute);
  else await rename(source.absolute, target.absolute);
  const record = context.sandbox.files.get(source.path);
  context.sandbox.note(target.path, record ? { ...record } : { origin: 'command', line: context.lineOf(from), by: verb });
  if (verb === 'mv') context.sandbox.files.delete(source.path);
  return simulated(`${verb} ${source.path} → ${target.path}`);
}

/** Builtins, blocked commands, downloads and openssl; null when the name is none of them. */
export async function runLocal(words: RunWord[], context: SimContext): Promise<CommandOutcome | null> {
  const name = words[0]!.value;
  if (name === 'openssl') return openssl(words, context);
  const builtin = BUILTINS[name];
  if (builtin) return builtin(words, context);
  if (ESCALATING.includes(name)) return blocked(context, words[0]!, `\`${name}\`, which runs other programs or changes the system`, 'plain commands (the runner never starts other programs, shells or privileges)');
  if (NETWORK.includes(name)) return download(words, context);
  return null;
}

/** curl/wget: never performed; the files they would write are recorded with unknown content. */
async function download(words: RunWord[], context: SimContext): Promise<CommandOutcome> {
  const name = words[0]!.value;
  const url = words.slice(1).find((word) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word.value));
  let target: RunWord | null = null;
  let targetName: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const value = words[i]!.value;
    if ((name === 'curl' && (value === '-o' || value === '--output')) || (name === 'wget' && (value === '-O' || value === '--output-document'))) {
      target = words[i + 1] ?? null;
      targetName = target?.value ?? null;
    } else if (name === 'curl' && value.startsWith('--output=')) {
      target = words[i]!;
      targetName = value.slice(9);
    } else if ((name === 'curl' && (value === '-O' || value === '--remote-name')) || (name === 'wget' && !target)) {
      if (url) {
        target = url;
        targetName = decodeURIComponent(url.value.split('?')[0]!.split('/').pop() || 'index.html');
      }
    }
  }
  if (target && targetName && targetName !== '-') {
    const resolved = await context.sandbox.resolveReal(targetName);
    if (!resolved.ok) return outside(context, target, resolved.reason);
    context.sandbox.note(targetName, { origin: 'unknown', line: context.lineOf(words[0]!), by: `the download by ${name}` });
  }
  if (name === 'git' && words[1]?.value === 'clone' && url) {
    const positional = words.slice(2).filter((word) => !word.value.startsWith('-'));
    const folder = positional[1]?.value ?? url.value.replace(/\.git$/, '').split('/').pop() ?? 'repository';
    const made = await context.sandbox.makeDirectory(folder);
    if (!made.ok) return outside(context, positional[1] ?? url, made.reason);
    context.sandbox.note(folder, { origin: 'unknown', line: context.lineOf(words[0]!), by: `the clone of ${url.value}` });
  }
  if (!['curl', 'wget'].includes(name)) {
    context.report({ rule: 'run/network', severity: 'info', message: `Unexpected \`${name}\`, which needs the network or a remote host, expected offline steps: it is not run`, word: words[0]! });
    return skipped(`\`${name}\` needs the network`);
  }
  context.report({
    rule: 'run/network',
    severity: 'info',
    message: `Unexpected download ${code(url?.value ?? words.slice(1).map((word) => word.value).join(' '))}, expected offline steps: the runner never downloads${targetName && targetName !== '-' ? `; ${code(targetName)} is recorded with unknown content` : ''}`,
    word: url ?? words[0]!,
  });
  return skipped(`\`${name}\` is not performed (no network)`, { type: 'unknown', reason: 'downloaded content is not known offline' });
}

/** Whether a command name is a shell that would run a script (`bash install.sh`, `source env.sh`). */
export function isShell(name: string): boolean {
  return SHELLS.includes(name);
}
