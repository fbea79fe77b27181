import { redact } from './patterns.js';

export type RuleId =
  | 'anonymous-records'
  | 'ended-scopes'
  | 'compaction'
  | 'redis-files'
  | 'retention'
  | 'logs';

/**
 * One thing found: where (a key name, or a file and the place in it) and what, never the value itself.
 * Both are passed through {@link redact}, so a user ID or a hash in a key name is not repeated either.
 */
export interface Finding {
  where: string;
  what: string;
}

export interface RuleResult {
  id: RuleId;
  /** The promise the rule checks, in a few words. */
  title: string;
  status: 'pass' | 'fail' | 'skipped';
  /** What was looked at, e.g. `412 records`. */
  checked: string;
  findings: Finding[];
  /** What the reader should know beyond pass or fail (nothing secret). */
  notes: string[];
}

export interface PrivacyReport {
  /** True when no rule failed. */
  ok: boolean;
  /** The Redis (host and port, no password) and the prefix checked. */
  target: string;
  rules: RuleResult[];
  /** What the check cannot see, whatever its result. */
  limits: string[];
}

export const finding = (where: string, what: string): Finding => ({
  where: redact(where),
  what: redact(what),
});

/** A rule's result: failed when anything was found. */
export function ruleResult(
  id: RuleId,
  title: string,
  checked: string,
  findings: Finding[],
  notes: string[] = [],
): RuleResult {
  return { id, title, status: findings.length > 0 ? 'fail' : 'pass', checked, findings, notes };
}

export function skippedRule(id: RuleId, title: string, why: string): RuleResult {
  return { id, title, status: 'skipped', checked: why, findings: [], notes: [] };
}

/** `n thing` or `n things`. */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A length of time in words: `45 seconds`, `12 minutes`, `5 hours`, `90 days`. */
export function duration(ms: number): string {
  const at = Math.max(0, ms);
  if (at < 120_000) return count(Math.round(at / 1000), 'second');
  if (at < 120 * 60_000) return count(Math.round(at / 60_000), 'minute');
  if (at < 48 * 3_600_000) return count(Math.round(at / 3_600_000), 'hour');
  return count(Math.round(at / 86_400_000), 'day');
}

/** How many findings of one rule are printed; the rest are counted. */
const printedPerRule = 25;

/** The report as the CLI prints it: each rule, PASS, FAIL or SKIP, its findings and notes. */
export function formatReport(report: PrivacyReport): string {
  const lines = [`Rally privacy check of ${report.target}`, ''];
  for (const rule of report.rules) {
    const label = rule.status === 'pass' ? 'PASS' : rule.status === 'fail' ? 'FAIL' : 'SKIP';
    const found = rule.findings.length > 0 ? `, ${count(rule.findings.length, 'finding')}` : '';
    lines.push(`${label}  ${rule.title} (${rule.checked}${found})`);
    for (const f of rule.findings.slice(0, printedPerRule)) lines.push(`      ${f.where}: ${f.what}`);
    if (rule.findings.length > printedPerRule) {
      lines.push(`      ... and ${rule.findings.length - printedPerRule} more`);
    }
    for (const note of rule.notes) lines.push(`      note: ${redact(note)}`);
  }
  lines.push('', 'What this check cannot see:');
  for (const limit of report.limits) lines.push(`  - ${limit}`);
  const failed = report.rules.filter((r) => r.status === 'fail');
  const total = failed.reduce((n, r) => n + r.findings.length, 0);
  lines.push(
    '',
    report.ok
      ? 'Result: PASS'
      : `Result: FAIL (${count(total, 'finding')} in ${count(failed.length, 'rule')}: ${failed.map((r) => r.id).join(', ')})`,
  );
  return lines.join('\n');
}
