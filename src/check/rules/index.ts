/** Every rule that looks at a guide set (all locales of one guide), in reporting order. */
import { extraBlock, missingBlock } from './cross/block-count.ts';
import codeDrift from './cross/code-drift.ts';
import frontMatter from './cross/front-matter.ts';
import linkDrift from './cross/link-drift.ts';
import missingSection from './cross/missing-section.ts';
import noMajority from './cross/no-majority.ts';
import outputDrift from './cross/output-drift.ts';
import type { SetRule } from './cross/rule.ts';
import translatedIdentifier from './cross/translated-identifier.ts';
import yamlIndentation from './cross/yaml-indentation.ts';
import anchorLinks from './guide/anchor-links.ts';

export const setRules: SetRule[] = [codeDrift, yamlIndentation, outputDrift, missingBlock, extraBlock, noMajority, missingSection, frontMatter, linkDrift, translatedIdentifier, anchorLinks];
