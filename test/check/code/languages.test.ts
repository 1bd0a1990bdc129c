/** The language adapters' meanings (what cross-locale comparison relies on), commandsOf, and the analysis cache. */
import { describe, expect, it } from 'vitest';
import { adapterFor, analyzeBlock, commandsOf } from '../../../src/check/languages/index.ts';
import type { ShellAnalysis, YamlAnalysis } from '../../../src/check/languages/index.ts';
import { jsonAdapter } from '../../../src/check/languages/json.ts';
import { pythonAdapter } from '../../../src/check/languages/python.ts';
import { shellAdapter } from '../../../src/check/languages/shell.ts';
import { textAdapter } from '../../../src/check/languages/text.ts';
import { yamlAdapter } from '../../../src/check/languages/yaml.ts';
import { blockFromCode } from './rule-tester.ts';

describe('shell meaning', () => {
  it('resolves quotes, so quoting styles compare equal', async () => {
    const a = await shellAdapter.analyze("helm upgrade m milvus/milvus --set a='x' --set \"b=y z\"");
    const b = await shellAdapter.analyze('helm upgrade m milvus/milvus --set a=x --set b=y\\ z');
    expect(a.meaning).toEqual([['helm', 'upgrade', 'm', 'milvus/milvus', '--set', 'a=x', '--set', 'b=y z']]);
    expect(b.meaning).toEqual(a.meaning);
  });

  it('drops comments and line continuations, keeps every argument', async () => {
    const a = await shellAdapter.analyze('# upgrade\nhelm upgrade m milvus/milvus \\\n  -n milvus # namespace');
    const b = await shellAdapter.analyze('helm upgrade m milvus/milvus -n milvus');
    const c = await shellAdapter.analyze('helm upgrade m milvus/milvus -n default');
    expect(a.meaning).toEqual(b.meaning);
    expect(c.meaning).not.toEqual(b.meaning);
  });

  it('is null when the block does not parse', async () => {
    expect((await shellAdapter.analyze("echo 'open")).meaning).toBeNull();
  });

  it('keeps output lines of a prompted block out', async () => {
    const analysis: ShellAnalysis = await shellAdapter.analyze('$ kubectl get ns\nNAME     STATUS\nmilvus   Active');
    expect(analysis.prompted).toBe(true);
    expect(analysis.meaning).toEqual([['kubectl', 'get', 'ns']]);
  });

  it('compares a skipped block by its text', async () => {
    const analysis = await shellAdapter.analyze('=== start connecting to Milvus ===\nhit: id: 2998, entity: {(');
    expect(analysis.skipped).toMatch(/output/);
    expect(analysis.problems).toEqual([]);
    expect(analysis.meaning).toEqual(['=== start connecting to Milvus ===', 'hit: id: 2998, entity: {(']);
  });
});

describe('commandsOf', () => {
  it('gives the words and line of each simple command, with redirections and here-documents', () => {
    const commands = commandsOf('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nEOF\nhelm upgrade m milvus/milvus \\\n  --set image.tag=\'v2.4.5\' && kubectl get pods -n <your-namespace> > pods.txt');
    expect(commands.map((command) => ({ words: command.words, line: command.line, endLine: command.endLine }))).toEqual([
      { words: ['kubectl', 'apply', '-f', '-'], line: 1, endLine: 1 },
      { words: ['helm', 'upgrade', 'm', 'milvus/milvus', '--set', 'image.tag=v2.4.5'], line: 5, endLine: 6 },
      { words: ['kubectl', 'get', 'pods', '-n', '<your-namespace>'], line: 6, endLine: 6 },
    ]);
    expect(commands[0]!.redirects).toEqual([{ op: '<<', target: 'EOF', line: 1, column: 20, heredoc: { delimiter: 'EOF', body: 'apiVersion: v1\nkind: Namespace', quoted: false, closed: true } }]);
    expect(commands[2]!.redirects).toEqual([{ op: '>', target: 'pods.txt', line: 6, column: 68 }]);
    expect(commands[2]!.column).toBe(31);
  });

  it('skips output lines and prompts', () => {
    expect(commandsOf('$ helm list -n milvus\nNAME   NAMESPACE\nm      milvus\n% kubectl get svc').map((command) => command.words)).toEqual([
      ['helm', 'list', '-n', 'milvus'],
      ['kubectl', 'get', 'svc'],
    ]);
  });

  it('drops reserved words around commands', () => {
    expect(commandsOf('if kubectl get ns milvus; then\n  echo found\nfi').map((command) => command.words)).toEqual([['kubectl', 'get', 'ns', 'milvus'], ['echo', 'found']]);
  });
});

describe('python meaning', () => {
  it('ignores whitespace and comments, not names', () => {
    const a = pythonAdapter.analyze('client.create_collection(\n    collection_name="demo",  # the name\n    dimension=5,\n)');
    const b = pythonAdapter.analyze('client.create_collection(collection_name="demo", dimension=5,)');
    const c = pythonAdapter.analyze('client.create_collection(collection_name="demo", dim=5,)');
    expect(a.meaning).toBe(b.meaning);
    expect(c.meaning).not.toBe(b.meaning);
    expect(typeof a.meaning).toBe('string');
  });
});

describe('yaml meaning', () => {
  it('is the documents as data: formatting and quoting do not matter', async () => {
    const a: YamlAnalysis = await yamlAdapter.analyze('a: "1"\nlist:\n- x\n- y\n---\nb: 2');
    const b: YamlAnalysis = await yamlAdapter.analyze("a: '1'\nlist: [x, y]\n---\nb: 2");
    expect(a.meaning).toEqual([{ a: '1', list: ['x', 'y'] }, { b: 2 }]);
    expect(b.meaning).toEqual(a.meaning);
  });

  it('lists the Kubernetes objects and how they were checked', async () => {
    const analysis = await yamlAdapter.analyze('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: milvus\n---\napiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: m');
    expect(analysis.objects).toEqual([
      { document: 0, apiVersion: 'v1', kind: 'Namespace', name: 'milvus', line: 1, status: 'valid' },
      { document: 1, apiVersion: 'milvus.io/v1beta1', kind: 'Milvus', name: 'm', line: 6, status: 'unchecked' },
    ]);
  });
});

describe('json and text meanings', () => {
  it('json: the value', () => {
    expect(jsonAdapter.analyze('{"a": [1, 2]}').meaning).toEqual({ a: [1, 2] });
    expect(jsonAdapter.analyze('{"a": [1, 2]').meaning).toBeNull();
  });

  it('text: lines without trailing whitespace', () => {
    expect(textAdapter.analyze('NAME   READY  \nm-0    1/1\t\n\n').meaning).toEqual(['NAME   READY', 'm-0    1/1']);
  });
});

describe('adapterFor and analyzeBlock', () => {
  it('reads output as text and other languages as text', () => {
    expect(adapterFor('yaml').language).toBe('yaml');
    expect(adapterFor('other').language).toBe('text');
    expect(adapterFor({ language: 'shell', role: 'command' }).language).toBe('shell');
    expect(adapterFor({ language: 'yaml', role: 'output' }).language).toBe('text');
  });

  it('analyses the same text once per adapter', async () => {
    const first = blockFromCode('kubectl get pods -n milvus', 'bash').block;
    const second = blockFromCode('kubectl get pods -n milvus', 'sh').block;
    const asOutput = blockFromCode('kubectl get pods -n milvus', 'bash', { role: 'output' }).block;
    const a = await analyzeBlock(first);
    expect(await analyzeBlock(second)).toBe(a);
    const b = await analyzeBlock(asOutput);
    expect(b).not.toBe(a);
    expect(b.meaning).toEqual(['kubectl get pods -n milvus']);
  });
});
