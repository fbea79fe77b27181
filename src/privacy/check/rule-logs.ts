import type { LogLine } from './log-file.js';
import { hasKeyedHash, hasUserId } from './patterns.js';
import { count, type Finding, finding, type RuleResult, ruleResult } from './report.js';

export const logsTitle = "Rally's logs hold no Slack user ID and no keyed hash";

/**
 * Rule e: Rally's logger redacts user IDs by field and scrubs them, and keyed hashes, from free text
 * (src/logger.ts); any that reaches the log file got through, and is a leak.
 */
export async function checkLogLines(
  lines: AsyncIterable<LogLine> | Iterable<LogLine>,
  file: string,
): Promise<RuleResult> {
  const findings: Finding[] = [];
  let read = 0;
  for await (const { line, text } of lines) {
    read++;
    const found = [
      ...(hasUserId(text) ? ['a Slack user ID'] : []),
      ...(hasKeyedHash(text) ? ['a 43-character keyed hash (or key)'] : []),
    ];
    if (found.length > 0) findings.push(finding(`${file}:${line}`, found.join(' and ')));
  }
  return ruleResult('logs', logsTitle, count(read, 'line'), findings);
}
