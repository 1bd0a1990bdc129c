/**
 * The sandbox confines every path a guide names, and makes its folder only when something is
 * written or a real tool runs.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../../src/run/sandbox.ts';

const cleanup: string[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const sandbox of sandboxes.splice(0)) await sandbox.dispose();
  for (const path of cleanup.splice(0)) await rm(path, { recursive: true, force: true });
});

async function sandbox(): Promise<Sandbox> {
  const created = await Sandbox.create();
  sandboxes.push(created);
  return created;
}

describe('Sandbox', () => {
  it('makes no folder for a guide that writes nothing, and answers that nothing exists but itself', async () => {
    const box = await sandbox();
    expect(existsSync(box.root)).toBe(false);
    expect(await box.exists('tls.key')).toBe(false);
    expect(await box.read('tls.key')).toBeNull();
    expect(await box.isDirectory('certs')).toBe(false);
    expect(await box.exists('.')).toBe(true);
    expect(await box.isDirectory('.')).toBe(true);
    expect((await box.removeEntry('certs', true)).ok).toBe(true);
    await box.dispose();
    expect(existsSync(box.root)).toBe(false);
  });

  it('makes its folder, private to this user, on the first write, and removes it on dispose', async () => {
    const box = await sandbox();
    const written = await box.write('certs/tls.crt', 'x', { origin: 'guide', line: 3, by: 'the block' });
    expect(written).toMatchObject({ ok: true, path: 'certs/tls.crt' });
    expect(statSync(box.root).mode & 0o777).toBe(0o700);
    expect((await box.read('certs/tls.crt'))?.toString()).toBe('x');
    expect(await box.isDirectory('certs')).toBe(true);
    await box.dispose();
    expect(existsSync(box.root)).toBe(false);
  });

  it('makes its folder when a real tool is about to run there, in the current folder', async () => {
    const box = await sandbox();
    expect(await box.toolFolder()).toBe(box.root);
    expect(statSync(box.root).isDirectory()).toBe(true);
    box.cwd = 'certs';
    expect(await box.toolFolder()).toBe(join(box.root, 'certs'));
  });

  it.each([
    ['/etc/passwd', 'the absolute path `/etc/passwd`'],
    ['~/.ssh/id_rsa', 'the home-relative path `~/.ssh/id_rsa`'],
    ['../outside', 'the path `../outside` that climbs out with `..`'],
    ['', 'an empty path'],
  ])('refuses %j', async (name, reason) => {
    const box = await sandbox();
    expect(await box.write(name, 'x', { origin: 'guide', line: 1, by: 'the block' })).toEqual({ ok: false, reason });
    expect(existsSync(box.root)).toBe(false);
  });

  it('refuses a path that leads out through a link once a tool has run (only a tool can make one)', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'polyguide-outside-'));
    cleanup.push(outside);
    await writeFile(join(outside, 'secret'), 'kept');
    const box = await sandbox();
    await box.toolFolder();
    // What a tool run in the sandbox could leave behind.
    await symlink(outside, join(box.root, 'escape'));
    expect(await box.write('escape/secret', 'overwritten', { origin: 'command', line: 1, by: 'echo' })).toEqual({ ok: false, reason: 'the path `escape/secret` that leads out of the sandbox' });
    expect(await box.read('escape/secret')).toBeNull();
    expect(await box.exists('escape/secret')).toBe(false);
  });
});
