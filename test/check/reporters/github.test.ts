import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../../src/check/reporters/github.ts';
import { sampleResult } from './sample-result.ts';

describe('github reporter', () => {
  it('writes one workflow command per finding, escaped as the Actions toolkit does', () => {
    const lines = formatGithub(sampleResult).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '::error file=content/ru/aws_layer7.md,line=57,col=1,title=cross/yaml-indentation (ru)::Unexpected indentation of 0 spaces before `ingressClassName: alb`, expected 2 spaces as in the de reference (reference: content/de/aws_layer7.md:57)',
    );
    expect(lines[1]).toMatch(/^::warning file=content\/pt\/aws_layer7.md,line=95,col=5,/);
    expect(lines[2]).toMatch(/^::notice /);
  });

  it('escapes newlines and percent signs in messages and commas in properties', () => {
    const output = formatGithub({
      ...sampleResult,
      diagnostics: [{ ...sampleResult.diagnostics[2]!, file: 'a,b.md', message: '100% broken\nsecond line' }],
    });
    expect(output).toBe('::notice file=a%2Cb.md,line=95,col=3,title=cross/translated-identifier (id)::100%25 broken%0Asecond line\n');
  });

  it('shows the control characters of a guide as visible ones (the log viewer would run escape sequences)', () => {
    const output = formatGithub({
      ...sampleResult,
      diagnostics: [{ ...sampleResult.diagnostics[2]!, file: 'de/\u001b[2Jp.md', message: 'Unexpected `\u001b[31mred\u0007`' }],
    });
    expect(output).toBe('::notice file=de/\u241B[2Jp.md,line=95,col=3,title=cross/translated-identifier (id)::Unexpected `\u241B[31mred\u2407`\n');
  });
});
