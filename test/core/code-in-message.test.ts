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
    ['spaces alone (an indentation), counted', '           ', '11 spaces'],
    ['one space', ' ', '1 space'],
    ['tabs and spaces alone', '\t  ', 'white space'],
    ['a zero-width space inside a word (found by fuzzing: it read as `milvus`)', 'mil\u200Bvus', '`mil<U+200B>vus`'],
    ['a control character from `&#x2` without `;`', 'intelligence\u0002', '`intelligence<U+0002>`'],
    ['a bidi control', 'a\u202Eb', '`a<U+202E>b`'],
    ['spaces and tabs inside code, kept', 'a \tb', '`a \tb`'],
  ])('%s', (_name, text, shown) => {
    expect(codeInMessage(text)).toBe(shown);
  });
});

describe('formatMessage', () => {
  it('shows a code span of the template, filled, as code, and any other placeholder as it is', () => {
    const template = 'Unexpected `{{actual}}`, expected `{{expected}}` as in the {{locale}} reference (`#{{anchor}}`)';
    expect(formatMessage(template, { actual: '', expected: 'a\nb', locale: 'en', anchor: 'x`y' })).toBe('Unexpected nothing, expected `a↵b` as in the en reference (``#x`y``)');
    expect(formatMessage(template, { actual: 'eingang', expected: 'ingress', locale: 'en', anchor: 'Apply' })).toBe('Unexpected `eingang`, expected `ingress` as in the en reference (`#Apply`)');
  });

  it('keeps a code span around more than its placeholder on one line (found by fuzzing: an anchor holding a line end broke `#{{anchor}}`)', () => {
    expect(formatMessage('Unexpected guide without the section `#{{anchor}}`', { anchor: 'EvaluationapiVersion: v1\n' })).toBe('Unexpected guide without the section `#EvaluationapiVersion: v1↵`');
    expect(formatMessage('expected `{{scheme}}://`', { scheme: 'http' })).toBe('expected `http://`');
  });

  it('fills each placeholder once: a value that holds `{{…}}` (a Helm template) stays as written', () => {
    expect(formatMessage('Unexpected `{{actual}}`, expected {{expected}}', { actual: '{{ .Values.image }}', expected: 'it' })).toBe('Unexpected `{{ .Values.image }}`, expected it');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(formatMessage('Unexpected `#{{anchor}}` in {{file}}', {})).toBe('Unexpected `#{{anchor}}` in {{file}}');
  });
});
