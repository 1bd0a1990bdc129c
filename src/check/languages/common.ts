/** What several language adapters share: typographic quotes, and the words that tell shell from other text. */

/** Typographic quotes and the ASCII quote code needs instead. */
export const TYPOGRAPHIC_QUOTES: Record<string, string> = {
  '\u201C': '"', // “
  '\u201D': '"', // ”
  '\u201E': '"', // „
  '\u201F': '"', // ‟
  '\u00AB': '"', // «
  '\u00BB': '"', // »
  '\u2033': '"', // ″
  '\uFF02': '"', // ＂
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201A': "'", // ‚
  '\u201B': "'", // ‛
  '\u2039': "'", // ‹
  '\u203A': "'", // ›
  '\u2032': "'", // ′
  '\uFF07': "'", // ＇
};

/**
 * Programs that guides' shell blocks start commands with. A block none of whose lines starts with
 * one of these (or a path, a variable, an assignment) is likely output or prose, not commands.
 */
export const KNOWN_COMMANDS = new Set([
  'apt', 'apt-get', 'aws', 'az', 'bash', 'brew', 'cat', 'cd', 'chmod', 'chown', 'conda', 'cp', 'curl', 'docker', 'docker-compose',
  'echo', 'eksctl', 'env', 'export', 'find', 'gcloud', 'git', 'go', 'grep', 'gsutil', 'head', 'helm', 'java', 'jq', 'kind', 'kubectl',
  'less', 'ln', 'ls', 'make', 'minikube', 'mkdir', 'mv', 'mvn', 'nano', 'node', 'npm', 'npx', 'oc', 'openssl', 'pip',
  'pip3', 'podman', 'printf', 'ps', 'python', 'python3', 'rm', 'sed', 'set', 'sh', 'source', 'ssh', 'sudo', 'systemctl', 'tail',
  'tar', 'tee', 'terraform', 'touch', 'unzip', 'vi', 'vim', 'wget', 'yarn', 'yum', 'zip', 'milvus-backup', 'milvus-server', 'tsh',
  'uv', 'poetry', 'cargo', 'rustup', 'dpkg', 'rpm', 'service', 'sysctl', 'ulimit', 'swapoff', 'kustomize', 'istioctl', 'argocd',
]);

/** The first word of a line, if it can start a shell command: a known program, a path, `$VAR`, `NAME=value`. */
export function looksLikeCommandLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return false;
  const first = /^\S+/.exec(trimmed)![0];
  if (KNOWN_COMMANDS.has(first)) return true;
  if (/^(?:\.{0,2}\/|~\/)[\w./+-]+$/.test(first)) return true;
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) return true;
  return false;
}
