/**
 * The run/* rule family: what executing a guide in the sandbox finds (a command that uses a file
 * no step created, a manifest the simulated cluster rejects), as guard findings.
 */
import { runGuide } from '../run/index.ts';
import type { Finding } from './diagnostics.ts';
import type { SetMember } from './engine.ts';

export async function runFindings(member: SetMember): Promise<Finding[]> {
  const report = await runGuide(member.guide);
  return report.findings.map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    at: { line: finding.line, column: finding.column },
  }));
}
