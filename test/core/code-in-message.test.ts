import { describe, expect, it } from 'vitest';
import { codeInMessage } from '../../src/core/code-in-message.ts';
import { formatMessage } from '../../src/check/diagnostics.ts';

describe('codeInMessage', () => {
  it.each([
    ['plain code', 'server_name', '`server_name`'],
    ['nothing at all', '', 'nothing'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a Markdown fence', '```', '```` ``` ````'],
    ['a backtick at an edge', '`x', '`` `x ``'],
    ['line ends, on one line', 'a\nb\r\nc\rd', '`a↵b↵c↵d`'],
  ])('%s', (_name, text, shown) => {
    expect(codeInMessage(text)).toBe(shown);
  });
});

describe('formatMessage', () => {
  it('shows a placeholder in backticks as code, and any other placeholder as it is', () => {
    const template = 'Unexpected `{{actual}}`, expected `{{expected}}` as in the {{locale}} reference (`#{{anchor}}`)';
    expect(formatMessage(template, { actual: '', expected: 'a\nb', locale: 'en', anchor: 'x`y' })).toBe('Unexpected nothing, expected `a↵b` as in the en reference (`#x`y`)');
    expect(formatMessage(template, { actual: 'eingang', expected: 'ingress', locale: 'en', anchor: 'Apply' })).toBe('Unexpected `eingang`, expected `ingress` as in the en reference (`#Apply`)');
  });
});
