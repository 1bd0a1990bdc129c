/**
 * Certificates and keys: reading PEM files with Node's crypto (nothing is executed), and writing
 * stand-ins for the certificate files a reader brings (a throwaway self-signed certificate made
 * by the confined openssl once per process, shared by every stand-in so key and certificate match).
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { chown, writeFile } from 'node:fs/promises';
import { runConfined } from './exec.ts';
import type { Sandbox } from './sandbox.ts';

export interface PemContent {
  certificates: X509Certificate[];
  privateKey: KeyObject | null;
  /** Labels of every PEM block, e.g. ["CERTIFICATE", "PRIVATE KEY"]. */
  labels: string[];
  /** Why a block did not parse. */
  problems: string[];
}

export function readPem(bytes: Uint8Array): PemContent {
  const text = Buffer.from(bytes).toString('latin1');
  const result: PemContent = { certificates: [], privateKey: null, labels: [], problems: [] };
  for (const match of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)) {
    const label = match[1]!;
    result.labels.push(label);
    try {
      if (label === 'CERTIFICATE' || label === 'TRUSTED CERTIFICATE') result.certificates.push(new X509Certificate(match[0]));
      else if (/PRIVATE KEY$/.test(label)) result.privateKey ??= createPrivateKey(match[0]);
    } catch (error) {
      result.problems.push(`a ${label} block that does not parse (${(error as Error).message})`);
    }
  }
  return result;
}

/** One line about a PEM file's content, e.g. "a certificate for CN=my-release.milvus.io". */
export function describePem(content: PemContent): string {
  if (content.labels.length === 0) return 'no PEM block';
  const parts: string[] = [];
  if (content.certificates.length > 0) parts.push(`${content.certificates.length === 1 ? 'a certificate' : `${content.certificates.length} certificates`} for ${content.certificates[0]!.subject.replace(/\n/g, ', ')}`);
  if (content.privateKey) parts.push(`a ${content.privateKey.asymmetricKeyType?.toUpperCase() ?? ''} private key`.replace('  ', ' '));
  const others = content.labels.filter((label) => label !== 'CERTIFICATE' && !/PRIVATE KEY$/.test(label));
  if (others.length > 0) parts.push(others.map((label) => `a ${label} block`).join(', '));
  return parts.join(' and ');
}

export function keyMatches(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.checkPrivateKey(key);
  } catch {
    return false;
  }
}

export type StandInRole = 'certificate' | 'private-key' | 'chain' | 'other';

const STAND_IN_FOLDER = '.polyguide-stand-ins';

/**
 * Write a stand-in for a file the reader brings. Certificates, chains and keys come from one
 * throwaway self-signed pair generated on first use; other files get a one-line placeholder.
 * Returns a note for the report, or null when the pair could not be generated.
 */
export async function writeStandIn(sandbox: Sandbox, path: string, role: StandInRole, line: number, timeLimitMs: number): Promise<string | null> {
  if (role === 'other') {
    await sandbox.write(path, 'stand-in for a file the reader brings\n', { origin: 'reader', line, by: 'the reader' });
    return 'a placeholder';
  }
  const certificate = `${STAND_IN_FOLDER}/certificate.pem`;
  const key = `${STAND_IN_FOLDER}/key.pem`;
  if (!(await sandbox.exists(certificate))) {
    await sandbox.makeDirectory(STAND_IN_FOLDER);
    const pair = await (standInPair ??= generateStandInPair(sandbox, key, certificate, timeLimitMs));
    if (!pair) return null;
    // As openssl would have left them: files of the runner's own, not of the guide.
    for (const [name, bytes] of [[key, pair.key], [certificate, pair.certificate]] as const) {
      const resolved = sandbox.resolve(name);
      if (!resolved.ok) return null;
      await writeFile(resolved.absolute, bytes, { mode: 0o644 });
      if (sandbox.owner !== null) await chown(resolved.absolute, sandbox.owner, sandbox.owner).catch(() => undefined);
    }
  }
  const bytes = await sandbox.read(role === 'private-key' ? key : certificate);
  if (!bytes) return null;
  await sandbox.write(path, bytes, { origin: 'reader', line, by: 'the reader' });
  return role === 'private-key' ? 'a throwaway private key' : 'a throwaway self-signed certificate';
}

/**
 * The throwaway pair, generated once per process (an RSA key takes openssl a noticeable time, and
 * any pair serves as well as another).
 */
let standInPair: Promise<{ key: Buffer; certificate: Buffer } | null> | undefined;

async function generateStandInPair(sandbox: Sandbox, key: string, certificate: string, timeLimitMs: number): Promise<{ key: Buffer; certificate: Buffer } | null> {
  const result = await runConfined(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '30', '-subj', '/CN=stand-in.polyguide.invalid'],
    { cwd: await sandbox.toolFolder(), timeLimitMs: Math.max(timeLimitMs, 10_000) },
  );
  if (result.notRun || result.code !== 0) {
    // Not remembered: a later guide may run where openssl works.
    standInPair = undefined;
    return null;
  }
  const [keyBytes, certificateBytes] = await Promise.all([sandbox.read(key), sandbox.read(certificate)]);
  if (!keyBytes || !certificateBytes) {
    standInPair = undefined;
    return null;
  }
  return { key: keyBytes, certificate: certificateBytes };
}

/** Guess what a reader-brought file holds from the flag that reads it, else from its name. */
export function standInRole(path: string, flag?: string): StandInRole {
  const hint = `${flag ?? ''} ${path}`.toLowerCase();
  if (/chain|ca-?bundle|fullchain/.test(hint)) return 'chain';
  if (/key/.test(hint)) return 'private-key';
  if (/cert|\.pem$|\.crt$|\.cer$/.test(hint)) return 'certificate';
  return 'other';
}
