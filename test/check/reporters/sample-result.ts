import type { CheckResult } from '../../../src/check/types.ts';

/** A small result with a cross-language error, a warning and an info, as reporters receive it. */
export const sampleResult: CheckResult = {
  diagnostics: [
    {
      file: 'content/ru/aws_layer7.md',
      line: 57,
      column: 1,
      severity: 'error',
      rule: 'cross/yaml-indentation',
      message: 'Unexpected indentation of 0 spaces before `ingressClassName: alb`, expected 2 spaces as in the de reference',
      locale: 'ru',
      guide: 'aws_layer7',
      reference: { file: 'content/de/aws_layer7.md', line: 57, locale: 'de' },
      expected: 'spec:\n  ingressClassName: alb',
      actual: 'spec:\ningressClassName: alb',
    },
    {
      file: 'content/pt/aws_layer7.md',
      line: 95,
      column: 5,
      severity: 'warning',
      rule: 'cross/translated-identifier',
      message: 'Unexpected `nome_do_servidor`, expected `server_name`, with: comma',
      locale: 'pt',
      guide: 'aws_layer7',
      reference: { file: 'content/de/aws_layer7.md', line: 95, locale: 'de' },
    },
    { file: 'content/id/aws_layer7.md', line: 95, column: 3, severity: 'info', rule: 'cross/translated-identifier', message: 'Unexpected `Host`, expected `host`', locale: 'id', guide: 'aws_layer7' },
  ],
  summary: { files: 5, guides: 2, errors: 1, warnings: 1 },
  verdicts: {},
  guides: { aws_layer7: { de: 'content/de/aws_layer7.md' } },
  unreadable: [],
};
