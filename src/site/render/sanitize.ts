/**
 * Guide content is untrusted: a translation (or an imported page) may hold raw HTML. Wherever it
 * becomes HTML on the site, it goes through hast-util-sanitize with GitHub's schema: no script,
 * style, iframe, object or form elements, no event-handler attributes, URLs limited to safe
 * protocols. Markdown links and images are held to the same protocols.
 *
 * `findScriptVectors` is the tripwire behind it: the loader runs it on every rendered page and
 * refuses to publish one that could still run script.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Nodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** GitHub's schema, as is: the strictest common choice, and what translators already know. */
export const guideSchema: Schema = defaultSchema;

const SAFE_PROTOCOLS = new Set(['http', 'https', 'mailto']);

/** A URL is safe when it is relative or uses http(s)/mailto, judged the way browsers read it. */
export function isSafeUrl(url: string): boolean {
  // Browsers drop ASCII control characters and whitespace anywhere in a scheme (`java\tscript:`).
  const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  if (!scheme) return !squeezed.startsWith('\\\\');
  return SAFE_PROTOCOLS.has(scheme[1]!);
}

/** Sanitized hast for an HTML fragment taken from a guide. */
export function sanitizeHtmlFragment(html: string): ElementContent[] {
  const tree = fromHtml(html, { fragment: true });
  const clean = sanitize(tree, guideSchema) as HastRoot;
  return clean.children.filter((node): node is ElementContent => node.type !== 'doctype');
}

/** Sanitized hast for phrasing content that mixes Markdown and raw HTML tags (`a <kbd>Ctrl</kbd> b`). */
function sanitizePhrasing(children: PhrasingContent[]): ElementContent[] {
  const paragraph: Paragraph = { type: 'paragraph', children };
  const hast = toHast(paragraph, { allowDangerousHtml: true }) as HastNodes;
  const parsed = raw(hast as never) as HastNodes;
  const clean = sanitize(parsed, guideSchema) as HastNodes;
  if (clean.type === 'element' || clean.type === 'root') return (clean as Element).children as ElementContent[];
  return [];
}

const PHRASING_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Make a guide's mdast safe to turn into HTML: raw HTML is replaced by its sanitized hast (held in
 * `data.hChildren`, so no raw HTML is left for the processor to pass through), and links, images
 * and definitions with unsafe URLs lose them.
 */
export function sanitizeGuideTree(tree: Root): { removed: number } {
  let removed = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      if (isSafeUrl(node.url)) return;
      removed++;
      if (node.type === 'definition') {
        node.url = '#';
        return;
      }
      if (!parent || index === undefined) return;
      const replacement: PhrasingContent[] = node.type === 'link' ? node.children : [{ type: 'text', value: node.alt ?? '' }];
      (parent as Parent).children.splice(index, 1, ...(replacement as never[]));
      return [SKIP, index];
    }
    if (PHRASING_CONTAINERS.has(node.type) && hasHtml(node as Parent)) {
      const container = node as Parent & { data?: Record<string, unknown> };
      const text = toString(container);
      const safe = sanitizePhrasing(container.children as PhrasingContent[]);
      container.data = { ...(container.data ?? {}), hChildren: safe };
      // Plugins after this one see plain text, never the raw tags.
      container.children = [{ type: 'text', value: text }] as never[];
      removed++;
      return SKIP;
    }
    if (node.type === 'html' && parent && index !== undefined) {
      const safe = sanitizeHtmlFragment(node.value);
      const block = { type: 'paragraph', children: [], data: { hName: 'div', hProperties: { className: ['pg-html'] }, hChildren: safe } };
      (parent as Parent).children.splice(index, 1, block as never);
      removed++;
      return SKIP;
    }
    return undefined;
  });
  return { removed };
}

function hasHtml(node: Parent): boolean {
  let found = false;
  visit(node as Nodes, 'html', () => {
    found = true;
  });
  return found;
}

/** Elements that load or run something on their own. */
const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'form', 'portal', 'noscript']);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc'];

const EC_SCRIPT = /<script type="module" src="(?:\/[\w./-]*)?\/_astro\/ec\.[\w-]+\.js"><\/script>/g;
const ACTIVE_TAG = /<(?:script|iframe|frame|frameset|object|embed|applet|base|meta|form|portal|noscript)[\s/>]/i;
const HANDLER = /[\s/"']on[a-z]+\s*=/i;
const URL_ATTRIBUTE = /[\s/](?:href|src|action|formaction|data|xlink:href|poster|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/**
 * Everything in rendered page content that could run script, as readable findings. Expressive
 * Code's own module script (an external `/_astro/ec.*.js`) is the one script allowed.
 *
 * Serialized HTML that names no active element, no event handler, no srcdoc and no URL attribute
 * with a suspicious value cannot hold a vector, so only pages that do are parsed (parsing every
 * page cost ~25 ms each on the corpus).
 */
export function findScriptVectors(html: string): string[] {
  const rest = html.replace(EC_SCRIPT, '');
  if (!ACTIVE_TAG.test(rest) && !HANDLER.test(rest) && !/srcdoc/i.test(rest) && !suspiciousUrls(rest)) return [];
  return scanParsed(html);
}

function suspiciousUrls(html: string): boolean {
  for (const match of html.matchAll(URL_ATTRIBUTE)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? '';
    // Anything but the serializer's own plain character references gets the full check.
    if (/&(?!(?:amp|quot|lt|gt|apos|#x?[0-9a-f]{1,6});)/i.test(raw)) return true;
    let decoded: string;
    try {
      decoded = raw
        .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
        .replace(/&#(\d{1,7});/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
        .replace(/&(amp|quot|lt|gt|apos);/g, (_, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[name]!);
    } catch {
      return true;
    }
    if (!isSafeUrl(decoded)) return true;
  }
  return false;
}

function scanParsed(html: string): string[] {
  const findings: string[] = [];
  const tree = fromHtml(html, { fragment: true });
  visit(tree, 'element', (element: Element) => {
    const name = element.tagName.toLowerCase();
    const props = element.properties ?? {};
    if (name === 'script') {
      const src = String(props.src ?? '');
      const typeIsModule = String(props.type ?? '') === 'module';
      const empty = element.children.every((child) => child.type === 'text' && child.value.trim() === '');
      if (typeIsModule && empty && /^(?:\/[\w./-]*)?\/_astro\/ec\.[\w-]+\.js$/.test(src)) return;
      findings.push(`<script${src ? ` src="${src}"` : ''}>`);
      return;
    }
    if (ACTIVE_ELEMENTS.has(name)) findings.push(`<${name}>`);
    for (const [key, value] of Object.entries(props)) {
      const lower = key.toLowerCase();
      if (lower.startsWith('on')) findings.push(`<${name} ${key}>`);
      if (lower === 'srcdoc') findings.push(`<${name} srcdoc>`);
      const attribute = URL_ATTRIBUTES.find((a) => a === lower || (a === 'xlink:href' && lower === 'xlinkhref'));
      if (attribute && attribute !== 'srcdoc') {
        const values = Array.isArray(value) ? value.map(String) : [String(value)];
        for (const url of values) if (!isSafeUrl(url) && !/^data:image\/(png|jpe?g|gif|webp|svg\+xml)[;,]/i.test(url.trim())) findings.push(`<${name} ${key}="${url.slice(0, 40)}">`);
      }
    }
  });
  return findings;
}
