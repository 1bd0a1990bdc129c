/**
 * Flag parsing with the syntax the real CLIs accept (Go's pflag for kubectl and helm, the AWS CLI's
 * and gcloud's `--flag value` / `--flag=value`): flags may come before, between or after the
 * positional words (`kubectl -f x.yaml get -w`), `--` ends the flags, and every flag must be known.
 */
import type { RunWord } from '../shell.ts';

export interface FlagSpec {
  /** Canonical name, used as the key in ParsedArgs.flags (without dashes). */
  name: string;
  /** Other spellings: long names without dashes, or single-letter shorthands. */
  aliases?: string[];
  /** Whether the flag takes a value (`--namespace x`); 'optional' accepts only `--flag=value`. */
  value: boolean | 'optional';
}

export interface FlagUse {
  /** The value given, or true for a boolean flag. */
  value: string | true;
  /** The word holding the flag. */
  word: RunWord;
  /** The word holding the value (the flag's word itself for `--flag=value`). */
  valueWord: RunWord;
}

export interface ParsedArgs {
  positionals: RunWord[];
  flags: Map<string, FlagUse[]>;
  /** Unknown flags and flags missing their value. */
  problems: Array<{ word: RunWord; found: string; expected: string }>;
}

export function parseArgs(words: RunWord[], specs: FlagSpec[], what: string): ParsedArgs {
  const byLong = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const spec of specs) {
    for (const name of [spec.name, ...(spec.aliases ?? [])]) {
      const map = name.length === 1 ? byShort : byLong;
      if (!map.has(name)) map.set(name, spec); // the first definition wins (shorthands shared across subcommands)
    }
  }
  const result: ParsedArgs = { positionals: [], flags: new Map(), problems: [] };
  const add = (spec: FlagSpec, use: FlagUse): void => {
    const list = result.flags.get(spec.name) ?? [];
    list.push(use);
    result.flags.set(spec.name, list);
  };
  const known = (): string => `one of the flags of ${what} (${[...new Set(specs.map((spec) => (spec.name.length === 1 ? `-${spec.name}` : `--${spec.name}`)))].slice(0, 12).join(', ')}${specs.length > 12 ? ', …' : ''})`;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const text = word.value;
    if (text === '--') {
      result.positionals.push(...words.slice(i + 1));
      break;
    }
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = eq === -1 ? text.slice(2) : text.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) {
        result.problems.push({ word, found: `the flag \`--${name}\``, expected: known() });
        continue;
      }
      if (eq !== -1) {
        add(spec, { value: spec.value === false ? text.slice(eq + 1) || true : text.slice(eq + 1), word, valueWord: word });
      } else if (spec.value === true) {
        const next = words[i + 1];
        if (!next) result.problems.push({ word, found: `\`--${name}\` without a value`, expected: `a value after \`--${name}\`` });
        else {
          add(spec, { value: next.value, word, valueWord: next });
          i++;
        }
      } else add(spec, { value: true, word, valueWord: word });
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && !/^-\d/.test(text)) {
      const letter = text[1]!;
      const spec = byShort.get(letter);
      if (!spec) {
        result.problems.push({ word, found: `the flag \`-${letter}\``, expected: known() });
        continue;
      }
      if (spec.value === true) {
        if (text.length > 2) add(spec, { value: text.slice(text[2] === '=' ? 3 : 2), word, valueWord: word });
        else {
          const next = words[i + 1];
          if (!next) result.problems.push({ word, found: `\`-${letter}\` without a value`, expected: `a value after \`-${letter}\`` });
          else {
            add(spec, { value: next.value, word, valueWord: next });
            i++;
          }
        }
        continue;
      }
      // A cluster of boolean shorthands: -it
      add(spec, { value: true, word, valueWord: word });
      for (const other of text.slice(2)) {
        const more = byShort.get(other);
        if (!more || more.value === true) result.problems.push({ word, found: `the flag \`-${other}\` in \`${text}\``, expected: known() });
        else add(more, { value: true, word, valueWord: word });
      }
      continue;
    }
    result.positionals.push(word);
  }
  return result;
}

export function flagValue(args: ParsedArgs, name: string): FlagUse | undefined {
  return args.flags.get(name)?.at(-1);
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const use = flagValue(args, name);
  return use === undefined ? undefined : use.value === true ? 'true' : use.value;
}

export function flagOn(args: ParsedArgs, name: string): boolean {
  const use = flagValue(args, name);
  return use !== undefined && use.value !== 'false';
}

export function flagAll(args: ParsedArgs, name: string): FlagUse[] {
  return args.flags.get(name) ?? [];
}
