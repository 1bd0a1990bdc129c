/**
 * One unit of guard work: read and parse every locale of a guide, then run the engine. Plain data
 * in and out, so it can run in a worker thread and its outcome can be cached.
 */
import { setImmediate } from 'node:timers/promises';
import { parseGuideSource } from '../core/parse/index.ts';
import { decodeSource, readSourceBytesSync, type SourceBytes } from '../core/source.ts';
import type { Finding } from './diagnostics.ts';
import { checkGuideSet, type SetMember } from './engine.ts';
import type { BlockVerdict, CheckResult, Diagnostic } from './types.ts';
import { contentRecord } from '../core/content-keys.ts';

export interface GuideSetJob {
  key: string;
  source: string;
  run: boolean;
  members: GuideSetMember[];
  hash?: string;
}

export interface GuideSetMember {
  path: string;
  absolutePath: string;
  locale: string | null;
  /** What was read from disk for hashing, so the file is not read twice; or why it could not be. */
  content?: SourceBytes | { unreadable: { reason: string; line: number; column: number; ruleId: string } };
}

export interface GuideSetOutcome {
  diagnostics: Diagnostic[];
  verdicts: Record<string, BlockVerdict[]>;
  guides: Record<string, Record<string, string>>;
  unreadable: CheckResult['unreadable'];
}

/** The rule of a file refused for a reason that names none (an error of the file system). */
const UNREADABLE = 'source/unreadable';
/** The rule of a set's files when the checker itself failed on the set. */
const CHECKER_FAILURE = 'check/failure';

export async function checkSetJob(job: GuideSetJob): Promise<GuideSetOutcome> {
  const members: SetMember[] = [];
  const unreadable: CheckResult['unreadable'] = [];
  for (const file of job.members) {
    try {
      const content = file.content ?? readSourceBytesSync(file.absolutePath);
      if ('unreadable' in content) throw content.unreadable;
      const parsed = parseGuideSource(decodeSource(file.absolutePath, content.bytes, content.size), { locale: file.locale ?? undefined });
      parsed.guide.file = file.path;
      const parseFindings: Finding[] = parsed.messages.map((message) => ({
        rule: message.ruleId ?? 'source/problem',
        severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
        message: message.reason,
        at: { line: message.line ?? 1, column: message.column ?? 1 },
      }));
      members.push({ file: file.path, locale: parsed.guide.locale, guide: parsed.guide, source: parsed.source.text, parseFindings });
      // With real tools, other sets wait for openssl in this thread, and a set that never waits
      // would go on in microtasks: each page parsed gives the event loop its turn, so a finished
      // tool's next step does not wait for whole sets.
      if (job.run) await setImmediate();
    } catch (error) {
      const message = error as Error & { line?: number; column?: number; reason?: string; ruleId?: string };
      unreadable.push({ file: file.path, line: message.line ?? 1, column: message.column ?? 1, rule: message.ruleId ?? UNREADABLE, message: message.reason ?? message.message });
    }
  }
  const guides: GuideSetOutcome['guides'] = contentRecord();
  for (const member of members) (guides[member.guide.id] ??= contentRecord())[member.locale] = member.file;
  if (members.length === 0) return { diagnostics: [], verdicts: {}, guides, unreadable };
  // The runner (simulators, sandbox, a few dozen modules) is loaded only when its findings are asked for.
  const extraFindings = job.run ? (await import('./run-findings.ts')).runFindings : undefined;
  try {
    const result = await checkGuideSet(members, { source: job.source, extraFindings });
    return { ...result, guides, unreadable };
  } catch (error) {
    // A failure of the checker itself (a bug, or an input no limit foresaw) is reported on the
    // set's files, as unreadable input is, instead of ending the whole check with a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    for (const member of members) unreadable.push({ file: member.file, line: 1, column: 1, rule: CHECKER_FAILURE, message: `Unexpected failure of the checker on this guide (${reason}), expected findings: the guide was not checked` });
    return { diagnostics: [], verdicts: {}, guides, unreadable };
  }
}
