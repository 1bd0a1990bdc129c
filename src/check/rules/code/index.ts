/** All block rules: each looks at one code block at a time, through the adapter's shared analysis. */
import type { BlockRule } from '../../types.ts';
import hiddenCharacter from './hidden-character.ts';
import jsonSyntax from './json-syntax.ts';
import kubernetesSchema from './kubernetes-schema.ts';
import kubernetesUncheckedKind from './kubernetes-unchecked-kind.ts';
import pythonSyntax from './python-syntax.ts';
import shellBrokenContinuation from './shell-broken-continuation.ts';
import shellHeredoc from './shell-heredoc.ts';
import shellMalformedUrl from './shell-malformed-url.ts';
import shellSyntax from './shell-syntax.ts';
import shellTypographicQuote from './shell-typographic-quote.ts';
import yamlDuplicateKey from './yaml-duplicate-key.ts';
import yamlSyntax from './yaml-syntax.ts';

export const blockRules: BlockRule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  kubernetesSchema,
  kubernetesUncheckedKind,
  shellSyntax,
  shellTypographicQuote,
  shellBrokenContinuation,
  shellHeredoc,
  shellMalformedUrl,
  pythonSyntax,
  jsonSyntax,
  hiddenCharacter,
];

/** A block rule by its id (`yaml/syntax`…). */
export function blockRuleById(id: string): BlockRule | undefined {
  return blockRules.find((rule) => rule.meta.id === id);
}

export default blockRules;

export { hiddenCharacter, jsonSyntax, kubernetesSchema, kubernetesUncheckedKind, pythonSyntax, shellBrokenContinuation, shellHeredoc, shellMalformedUrl, shellSyntax, shellTypographicQuote, yamlDuplicateKey, yamlSyntax };
