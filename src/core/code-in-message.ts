/**
 * Code or text from a guide as a message shows it. The values come from translations, so they may
 * be empty, hold backticks (a stray Markdown fence in a Python block) or span lines, and a message
 * is one line in every format (a terminal, an Actions annotation, SARIF): "Unexpected ``, expected
 * `\n`" said nothing, and "Unexpected `````" could not be read.
 */
export function codeInMessage(text: string): string {
  if (text === '') return 'nothing';
  const short = text.replace(/\r\n|\r|\n/g, '↵');
  // As in a Markdown code span: a run of backticks longer than any inside, and a space beside one at an edge.
  const longestRun = Math.max(0, ...(short.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = short.startsWith('`') || short.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${short}${pad}${fence}`;
}

