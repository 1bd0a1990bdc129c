import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/check/reporters/json.ts';
import { sampleResult } from './sample-result.ts';

describe('json reporter', () => {
  it('writes exactly the documented contract', () => {
    const output = JSON.parse(formatJson(sampleResult));
    expect(Object.keys(output)).toEqual(['diagnostics', 'summary', 'unreadable']);
    expect(output.unreadable).toEqual([]);
    expect(output.summary).toEqual({ files: 5, guides: 2, errors: 1, warnings: 1 });
    expect(output.diagnostics[0]).toEqual({
      file: 'content/ru/aws_layer7.md',
      line: 57,
      column: 1,
      severity: 'error',
      rule: 'cross/yaml-indentation',
      message: 'Unexpected indentation of 0 spaces before `ingressClassName: alb`, expected 2 spaces as in the de reference',
      locale: 'ru',
      guide: 'aws_layer7',
      reference: { file: 'content/de/aws_layer7.md', line: 57, locale: 'de' },
    });
    expect(output.diagnostics[2]).not.toHaveProperty('reference');
    expect(output.diagnostics[0]).not.toHaveProperty('expected');
  });

  it('lists the files that could not be checked, with place, rule and reason', () => {
    const unreadable = [{ file: 'content/de/huge.md', line: 1, column: 1, rule: 'source/too-large', message: 'Unexpected file of 3.0 MB, expected at most 2 MB' }];
    const output = JSON.parse(formatJson({ ...sampleResult, unreadable }));
    expect(output.unreadable).toEqual(unreadable);
    expect(output.summary).toEqual(sampleResult.summary);
  });
});
