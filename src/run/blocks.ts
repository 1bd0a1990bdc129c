/** Code blocks in reading order with the lead text of the list item they sit in. */
import type { CodeStep, Guide, Step } from '../core/model.ts';

export interface BlockContext {
  block: CodeStep;
  /** Index in reading order (as core/walk.ts `codeBlocks`). */
  index: number;
  /** The prose of the list item the block sits in, e.g. "Using self-managed certificates". */
  label: string | null;
}

export function blocksWithLabels(guide: Guide): BlockContext[] {
  const result: BlockContext[] = [];
  const walk = (steps: Step[], label: string | null): void => {
    for (const step of steps) {
      if (step.kind === 'code') result.push({ block: step, index: result.length, label });
      else if (step.kind === 'list') {
        for (const item of step.items) {
          const lead = item.find((inner) => inner.kind === 'prose');
          walk(item, lead && lead.kind === 'prose' ? lead.text.trim() : label);
        }
      } else if (step.kind === 'aside') walk(step.steps, label);
    }
  };
  for (const section of guide.sections) walk(section.steps, null);
  return result;
}

/**
 * Whether a block is the content of a file: role `file` with a name, or a shell block titled with
 * a file name in its fence (```bash title="deploy.sh"```), which is a script to save, not to run.
 */
export function isFileBlock(block: CodeStep): boolean {
  if (!block.fileName) return false;
  return block.role === 'file' || (block.role === 'command' && block.fileNameSource === 'meta');
}


/**
 * Whether a command block reads a file (so a file block shown right after it must exist first):
 * it names the file on a line that does not just create or open it (`touch x`, `> x`, `vi x`).
 */
export function readsFile(text: string, file: string): boolean {
  return text.split('\n').some((line) => mentions(line, file) && !/^\s*(\$\s+)?(sudo\s+)?(touch|mkdir|vi|vim|nano|code|notepad|wget|curl|git)\s/.test(line) && !new RegExp(`>\\s*(\\./)?${file.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`).test(line));
}

/** Whether a command text names a file (`-f tls.yaml`, `fileb://x.pem`, `./dir/x.yaml`). */
export function mentions(text: string, file: string): boolean {
  const name = file.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s=:'"/])(\\./)?${name}($|[\\s'"])`, 'm').test(text);
}

/** Commands a reader types, to recognise a command block that is labelled as YAML or not labelled. */
const COMMAND_NAMES = new Set([
  'kubectl', 'helm', 'aws', 'gcloud', 'az', 'eksctl', 'minikube', 'kind', 'oc', 'istioctl', 'terraform', 'ansible', 'ansible-playbook',
  'git', 'curl', 'wget', 'docker', 'docker-compose', 'podman', 'pip', 'pip3', 'python', 'python3', 'conda', 'npm', 'npx', 'yarn', 'node', 'go', 'java', 'mvn', 'cargo', 'make',
  'openssl', 'cd', 'export', 'mkdir', 'cp', 'mv', 'rm', 'ls', 'cat', 'echo', 'touch', 'chmod', 'tar', 'unzip', 'source', 'bash', 'sh', 'sudo', 'apt', 'apt-get', 'yum', 'dnf', 'brew', 'snap',
  'milvus-backup', 'birdwatcher',
]);

/** The command word of a shell line (`$ ` prompt, `sudo` and `NAME=value` prefixes skipped), or null. */
function commandWord(line: string): string | null {
  const words = line.replace(/^\s*\$\s+/, '').trim().split(/\s+/);
  while (words.length > 1 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || words[0] === 'sudo')) words.shift();
  return words[0] ?? null;
}

/** A known command, or a program run by its path (`./gen.sh`, `./birdwatcher`). */
function isCommand(word: string | null): boolean {
  return word !== null && (COMMAND_NAMES.has(word) || /^\.\/[\w.-]+$/.test(word));
}

/**
 * Whether a block that is not labelled as shell is nevertheless commands a reader types: every line
 * (continuations aside) starts with a known command, or — in a block with `$ ` prompts — the
 * prompted lines do (the others are output). A YAML mapping line (`key: value`) never is.
 */
export function looksLikeCommands(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*#/.test(line));
  if (lines.length === 0) return false;
  const prompted = lines.filter((line) => /^\s*\$\s+\S/.test(line));
  if (prompted.length > 0) return /^\s*\$\s+\S/.test(lines[0]!) && prompted.every((line) => isCommand(commandWord(line)));
  let continued = false;
  for (const line of lines) {
    if (!continued) {
      if (/^\s*-?\s*["']?[\w.-]+["']?:(\s|$)/.test(line)) return false;
      if (!isCommand(commandWord(line))) return false;
    }
    continued = /\\\s*$/.test(line);
  }
  return true;
}

/** A block that shows part of a file: its first or last line is `...` (or `…`). */
export function isExcerpt(block: CodeStep): boolean {
  const lines = block.text.split('\n').filter((line) => line.trim() !== '');
  const elided = (line: string | undefined): boolean => line !== undefined && /^\s*(\.\.\.|…)\s*$/.test(line);
  return elided(lines[0]) || elided(lines.at(-1));
}

/** How the runner treats a block (the step model's role, corrected where the page's markup misleads). */
export type RunRole = 'file' | 'command' | 'excerpt' | 'outside-file' | 'output' | 'snippet';

export function runRole(block: CodeStep): RunRole {
  const shellish = block.language === 'shell';
  if (isFileBlock(block)) {
    // `kubectl apply -f https://…` labelled YAML, or `$ wget …/milvus.yaml` taken as the file it downloads.
    if (!shellish && looksLikeCommands(block.text)) return 'command';
    if (isExcerpt(block)) return 'excerpt';
    // A folder tree (`├── docker-compose.yml`) shows where files go; it is none of them.
    if (/^\s*[├└│]/m.test(block.text) && block.language !== 'yaml') return 'snippet';
    // A container or node path named in the prose (`/milvus/configs/milvus.yaml`) is not a file to save here.
    if (block.fileNameSource !== 'meta' && /^(\/|~)/.test(block.fileName!)) return 'outside-file';
    return 'file';
  }
  if (block.role === 'command') return 'command';
  if (block.role === 'snippet' && !shellish && block.language !== 'python' && block.language !== 'json' && looksLikeCommands(block.text)) return 'command';
  if (block.role === 'output') return 'output';
  return 'snippet';
}

/**
 * Files the prose links to (`You can use <a href="…/rollingUpdate.sh">the script</a> we provide`),
 * by the last segment of the link's path: the reader downloads them from the page.
 */
export function linkedFiles(guide: Guide): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const value = node as { type?: string; url?: string; children?: unknown[] };
    if (value.type === 'link' && typeof value.url === 'string') {
      const path = value.url.split(/[?#]/)[0]!;
      const name = decodeURIComponentSafe(path.split('/').pop() ?? '');
      if (/^[\w.-]+\.[A-Za-z0-9]{1,8}$/.test(name) && !/\.(html?|md|php|aspx?)$/i.test(name) && !found.has(name)) found.set(name, value.url);
    }
    if (Array.isArray(value.children)) for (const child of value.children) visit(child);
  };
  const walk = (steps: Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'prose') for (const inline of step.content) visit(inline);
      else if (step.kind === 'list') for (const item of step.items) walk(item);
      else if (step.kind === 'aside') walk(step.steps);
    }
  };
  for (const section of guide.sections) walk(section.steps);
  return found;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Where a block sits, as a key: its section and the list items around it. Two blocks with different
 * keys are in different sections or list items — often alternatives ("Using a YAML file" / "Using a
 * command"; "Assign a single GPU" / "Assign multiple GPUs").
 */
export function blockPlaces(guide: Guide): Map<CodeStep, string> {
  const places = new Map<CodeStep, string>();
  const walk = (steps: Step[], key: string): void => {
    steps.forEach((step, index) => {
      if (step.kind === 'code') places.set(step, key);
      else if (step.kind === 'list') step.items.forEach((item, itemIndex) => walk(item, `${key}/${index}.${itemIndex}`));
      else if (step.kind === 'aside') walk(step.steps, `${key}/aside${index}`);
    });
  };
  guide.sections.forEach((section, index) => walk(section.steps, `s${index}`));
  return places;
}

/**
 * The prose between each code block and the code block before it (across headings: "create a
 * `x.yaml` file." / ### Example / "The following example…"), if any.
 */
export function proseBefore(guide: Guide): Map<CodeStep, string> {
  const found = new Map<CodeStep, string>();
  let last: string | null = null;
  const walk = (steps: Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'prose') last = last === null ? step.text : `${last}\n${step.text}`;
      else if (step.kind === 'code') {
        if (last !== null) found.set(step, last);
        last = null;
      } else if (step.kind === 'list') for (const item of step.items) walk(item);
      else if (step.kind === 'aside') walk(step.steps);
    }
  };
  for (const section of guide.sections) walk(section.steps);
  return found;
}

/**
 * An unlabelled block that is the content of a file the prose before it names and a later command
 * reads ("create a `milvuscluster_resource.yaml` file:" then an unlabelled YAML block, then `kubectl
 * apply -f milvuscluster_resource.yaml`): the file name, else null.
 */
export function unlabelledFile(block: CodeStep, prose: string | undefined, later: CodeStep[]): string | null {
  if (block.role !== 'snippet' || block.lang !== null || !prose) return null;
  const first = block.text.split('\n').find((line) => line.trim() !== '' && !/^\s*#/.test(line));
  if (!first || !/^[\w.-]+:(\s|$)/.test(first)) return null;
  const names = [...prose.matchAll(/[\w./-]+\.(?:ya?ml|json)\b/g)].map((match) => match[0]);
  return names.find((name) => later.some((other) => mentions(other.text, name))) ?? null;
}
