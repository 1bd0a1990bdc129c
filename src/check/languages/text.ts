/**
 * Plain text: output, logs, and languages we do not parse. Nothing to report; the meaning is the
 * lines with trailing whitespace removed (and no trailing blank lines), for plain comparison.
 */
import type { CodeStep } from '../../core/model.ts';
import type { Analysis, LanguageAdapter } from '../types.ts';

export interface TextAnalysis extends Analysis {
  meaning: string[];
}

export function textMeaning(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

export const textAdapter: LanguageAdapter & { analyze(text: string, block?: CodeStep): TextAnalysis } = {
  language: 'text',
  analyze(text: string): TextAnalysis {
    return { problems: [], meaning: textMeaning(text) };
  },
};

export default textAdapter;
