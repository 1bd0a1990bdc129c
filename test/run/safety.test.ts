import { readFile, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectIsolation, runConfined } from '../../src/run/exec.ts';
import { errors, FENCE, rules, run, sh, tempParent } from './helpers.ts';

let parent: Awaited<ReturnType<typeof tempParent>>;
const CANARY = 'canary: must survive\n';

beforeEach(async () => {
  parent = await tempParent();
  await writeFile(join(parent.path, 'canary.txt'), CANARY);
});
afterEach(async () => {
  await parent.remove();
});

/** Outside the sandbox nothing changed: the parent folder holds only the canary, unchanged. */
async function expectOutsideUntouched(): Promise<void> {
  expect(await parent.entries()).toEqual(['canary.txt']);
  expect(await readFile(join(parent.path, 'canary.txt'), 'utf8')).toBe(CANARY);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

describe('destructive commands are blocked', () => {
  it('`rm -rf /`, `rm -rf ~` and `rm -rf ../*` are refused before anything is removed', async () => {
    const report = await run(sh('touch keep.txt\nrm -rf /\nrm -rf ~\nrm -rf ../canary.txt keep.txt'), { sandboxParent: parent.path, keepSandbox: true });
    const commands = report.steps[0]!.commands;
    expect(commands.map((command) => command.status)).toEqual(['simulated', 'failed', 'failed', 'skipped']);
    // Removing the whole file system or home folder is wrong in any guide: an error.
    expect(errors(report).map((finding) => finding.message)).toEqual([
      'Unexpected `rm -r /`, which removes a whole system or home folder, expected named files inside the guide’s working folder (the runner refused: nothing was removed)',
      'Unexpected `rm -r ~`, which removes a whole system or home folder, expected named files inside the guide’s working folder (the runner refused: nothing was removed)',
    ]);
    expect(rules(report, 'error')).toEqual(['run/unsafe-path', 'run/unsafe-path']);
    // A path outside the sandbox is not run (info); the other target of the same command is kept too.
    expect(report.findings.filter((finding) => finding.severity === 'info').map((finding) => finding.message)).toEqual([
      "Unverified `../canary.txt`: the path `../canary.txt` that climbs out with `..` is outside the guide's working folder, so this was not run (the runner never reads or writes outside its sandbox)",
    ]);
    expect(await exists(join(report.sandbox!, 'keep.txt'))).toBe(true);
    await import('node:fs/promises').then(({ rm }) => rm(report.sandbox!, { recursive: true, force: true }));
    await expectOutsideUntouched();
    expect(await exists('/etc/passwd')).toBe(true);
  });

  it('sudo, `sh -c`, eval and xargs never run', async () => {
    const report = await run(sh('sudo rm -rf /\nsh -c "rm -rf /"\nbash -c \'touch ../x\'\neval "rm -rf /"\nxargs rm -rf'), { sandboxParent: parent.path });
    // Not run, reported as infos: the guide is not wrong, the runner just never does this.
    expect(report.steps[0]!.commands.map((command) => command.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(rules(report, 'info')).toEqual(['run/blocked', 'run/blocked', 'run/blocked', 'run/blocked', 'run/blocked']);
    expect(rules(report, 'warning')).toEqual([]);
    expect(errors(report)).toEqual([]);
    await expectOutsideUntouched();
  });

  it('writes outside the sandbox are refused: redirections, file blocks named `../x`, `cd ..`', async () => {
    const body = [sh('echo pwned > ../evil.txt\necho pwned > /tmp/polyguide-evil.txt\ncd ..\ncd /'), `${FENCE}yaml title="../evil.yaml"\nkind: Evil\n${FENCE}\n`].join('\n');
    const report = await run(body, { sandboxParent: parent.path });
    // Never performed; reported as not run (info): a path on the reader's machine is not a defect of the page.
    expect(report.steps[0]!.commands.map((command) => command.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(report.steps[1]!.status).toBe('skipped');
    expect(report.steps[1]!.reason).toBe('not written: the path `../evil.yaml` that climbs out with `..` is outside the working folder');
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual(Array(5).fill(['run/unsafe-path', 'info']));
    expect(await exists('/tmp/polyguide-evil.txt')).toBe(false);
    await expectOutsideUntouched();
  });
});

describe('network access is never performed', () => {
  it('curl and wget are not run; their targets are checked and recorded as unknown content', async () => {
    const report = await run(sh('wget https://example.com/install.sh\ncurl -fsSL -o values.yaml https://example.com/values.yaml\ncurl -o ../evil.sh https://example.com/evil.sh\nhelm upgrade my-release milvus/milvus -f values.yaml'), { sandboxParent: parent.path, keepSandbox: true });
    const commands = report.steps[0]!.commands;
    expect(commands.map((command) => command.status)).toEqual(['skipped', 'skipped', 'skipped', 'simulated']);
    expect(commands.map((command) => command.output)).toEqual(['', '', '', expect.stringContaining('REVISION: 2')]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/network', 'info'],
      ['run/network', 'info'],
      ['run/unsafe-path', 'info'],
      ['run/assumed-release', 'info'],
      ['run/unverified', 'info'],
    ]);
    // Nothing was downloaded into the sandbox either.
    expect(await exists(join(report.sandbox!, 'install.sh'))).toBe(false);
    expect(await exists(join(report.sandbox!, 'values.yaml'))).toBe(false);
    await import('node:fs/promises').then(({ rm }) => rm(report.sandbox!, { recursive: true, force: true }));
    await expectOutsideUntouched();
  });

  it('names a download on one line, whatever its words hold (manage-cdc-tasks.md: a JSON body over several lines, and a zero-width space in a file name)', async () => {
    const report = await run(sh('curl -X POST http:_//localhost:8444/cdc -d \'{\n  "request_type": "list"\n}\'\nwget https://example.com/compose.yml -O docker-compose.yml\u200B'));
    expect(report.findings.filter((finding) => finding.rule === 'run/network').map((finding) => finding.message)).toEqual([
      'Unexpected download `-X POST http:_//localhost:8444/cdc -d {↵  "request_type": "list"↵}`, expected offline steps: the runner never downloads',
      'Unexpected download `https://example.com/compose.yml`, expected offline steps: the runner never downloads; `docker-compose.yml<U+200B>` is recorded with unknown content',
    ]);
  });

  it('openssl s_client (network) is not run', async () => {
    const report = await run(sh('openssl s_client -connect example.com:443'));
    expect(report.steps[0]!.status).toBe('skipped');
    expect(rules(report, 'info')).toEqual(['run/network']);
  });

  it.runIf(detectIsolation() !== null)('real tools run in a namespace without network, with a minimal environment, unprivileged', async () => {
    const cwd = parent.path;
    const devices = await runConfined('cat', ['/proc/net/dev'], { cwd, timeLimitMs: 5000 });
    const interfaces = devices.stdout.split('\n').slice(2).map((line) => line.trim().split(':')[0]).filter(Boolean);
    expect(interfaces).toEqual(['lo']);
    const env = await runConfined('env', [], { cwd, timeLimitMs: 5000 });
    expect(env.stdout.trim().split('\n').map((line) => line.split('=')[0]).sort()).toEqual(['HOME', 'LANG', 'LC_ALL', 'PATH', 'RANDFILE', 'TMPDIR']);
    if (process.getuid?.() === 0) {
      const id = await runConfined('id', ['-u'], { cwd, timeLimitMs: 5000 });
      expect(id.stdout.trim()).toBe('65534');
    }
  });
});

describe('paths given to real tools stay inside the sandbox', () => {
  it('`openssl genrsa -out ../evil.key` and `-out /tmp/…` are blocked, and nothing is written', async () => {
    const evil = join(tmpdir(), `polyguide-evil-${process.pid}.key`);
    const report = await run(sh(`openssl genrsa -out ../evil.key 2048\nopenssl genrsa -out ${evil} 2048\nopenssl req -new -key tls.key -config /etc/ssl/openssl.cnf -out x.csr\nopenssl genrsa -engine /tmp/evil.so 2048`), { sandboxParent: parent.path });
    expect(report.steps[0]!.commands.map((command) => command.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['run/unsafe-path', 'info'],
      ['run/unsafe-path', 'info'],
      ['run/reader-file', 'info'],
      ['run/unsafe-path', 'info'],
      ['run/blocked', 'info'],
    ]);
    expect(errors(report)).toEqual([]);
    expect(report.findings.at(-1)!.message).toBe('Unexpected the option `-engine`, which loads code, expected plain openssl options (engines and providers are never loaded)');
    expect(await exists(evil)).toBe(false);
    await expectOutsideUntouched();
  });

  it('`openssl genrsa -out tls.key 2048` really runs inside the sandbox', async () => {
    const report = await run(sh('openssl genrsa -out tls.key 2048\ncat tls.key'), { sandboxParent: parent.path });
    expect(report.findings).toEqual([]);
    expect(report.steps[0]!.status).toBe('ran');
    expect(report.steps[0]!.commands[1]!.output).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await expectOutsideUntouched();
  });
});

describe('endless or long-running steps are contained', () => {
  it('`while true; do :; done` is never run (no shell is started) and is reported', async () => {
    const started = Date.now();
    const report = await run(sh('while true; do :; done\necho after'), { sandboxParent: parent.path });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.steps[0]!.commands.map((command) => [command.status, command.note])).toEqual([
      ['skipped', 'not run: a `while` loop'],
      ['simulated', 'echo'],
    ]);
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['run/unsupported-shell', 'info']]);
    await expectOutsideUntouched();
  });

  it.runIf(detectIsolation() !== null)('openssl with an absurd key size is stopped at the time limit and reported', async () => {
    const started = Date.now();
    const report = await run(sh('openssl genrsa -out huge.key 65536'), { sandboxParent: parent.path, timeLimitMs: 2000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(8000);
    expect(report.steps[0]!.status).toBe('failed');
    expect(errors(report).map((finding) => finding.message)).toEqual(['Unexpected `openssl genrsa` still running after 2 s, expected it to finish (it was stopped; check its parameters)']);
    // No openssl process of the run is left behind.
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes).not.toMatch(/openssl genrsa -out huge\.key/);
    await expectOutsideUntouched();
  });
});
