/**
 * A real tool run is remembered by everything it could see (program, arguments, folder, every
 * file in the sandbox): the same step in another locale's sandbox gets the same files back
 * instead of running again; any difference in what the tool could read runs it for real.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectIsolation } from '../../src/run/exec.ts';
import { runConfinedRemembered } from '../../src/run/remembered-runs.ts';
import { Sandbox } from '../../src/run/sandbox.ts';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.dispose();
});

/** A sandbox prepared as the runner prepares one: owned by the user real tools run as. */
async function sandboxWith(files: Record<string, string>): Promise<Sandbox> {
  const sandbox = await Sandbox.create();
  sandboxes.push(sandbox);
  sandbox.owner = detectIsolation()?.runAs ?? null;
  await sandbox.materialize();
  for (const [name, content] of Object.entries(files)) await writeFile(join(sandbox.root, name), content);
  return sandbox;
}

describe.runIf(detectIsolation() !== null)('remembered real runs', () => {
  const genrsa = ['genrsa', '-out', 'tls.key', '2048'];
  const options = { timeLimitMs: 20_000 };

  it('replays the files and the result of an identical step in an identical sandbox', async () => {
    const first = await sandboxWith({ 'openssl.cnf': '[req]\n' });
    const ran = await runConfinedRemembered('openssl', genrsa, first, options);
    expect(ran.code).toBe(0);
    const second = await sandboxWith({ 'openssl.cnf': '[req]\n' });
    const replayed = await runConfinedRemembered('openssl', genrsa, second, options);
    expect(replayed).toEqual(ran);
    // A generated key is random: equal bytes mean the second key was not generated again.
    expect(await second.read('tls.key')).toEqual(await first.read('tls.key'));
    expect((await second.read('tls.key'))!.toString()).toContain('PRIVATE KEY');
  });

  it('runs for real when the sandbox differs in any file', async () => {
    const first = await sandboxWith({ 'openssl.cnf': '[req]\n' });
    await runConfinedRemembered('openssl', genrsa, first, options);
    const other = await sandboxWith({ 'openssl.cnf': '[req]\n# changed\n' });
    const ran = await runConfinedRemembered('openssl', genrsa, other, options);
    expect(ran.code).toBe(0);
    expect(await other.read('tls.key')).not.toEqual(await first.read('tls.key'));
  });

  it('remembers a failure as a failure', async () => {
    const first = await sandboxWith({});
    const failed = await runConfinedRemembered('openssl', ['rsa', '-in', 'missing.key', '-out', 'x.pem'], first, options);
    expect(failed.code).not.toBe(0);
    const second = await sandboxWith({});
    expect(await runConfinedRemembered('openssl', ['rsa', '-in', 'missing.key', '-out', 'x.pem'], second, options)).toEqual(failed);
  });
});
