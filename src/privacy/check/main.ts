import { CheckConnectError, CheckUsageError, checkPrivacy } from './check.js';
import { parseCli, usage } from './options.js';
import { redact } from './patterns.js';
import { formatReport } from './report.js';

/*
 * `npm run privacy-check`: checks a running Rally's privacy promises and prints what it found, without
 * repeating any user ID or secret. Exit code 0: every rule passed; 1: something was found; 2: bad usage,
 * Redis could not be read, or the check could not finish.
 */
async function main(): Promise<number> {
  try {
    const request = parseCli(process.argv.slice(2), process.env);
    if (request.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const report = await checkPrivacy(request.options);
    process.stdout.write(`${formatReport(report)}\n`);
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof CheckUsageError) {
      process.stderr.write(`privacy-check: ${err.message}\n\n${usage}\n`);
      return 2;
    }
    if (err instanceof CheckConnectError) {
      process.stderr.write(`privacy-check: ${err.message}\n`);
      return 2;
    }
    // Not a finding: the check itself failed, so it says so (redacted) and exits as for bad usage.
    process.stderr.write(`privacy-check could not finish: ${redact(String((err as Error)?.stack ?? err))}\n`);
    return 2;
  }
}

process.exitCode = await main();
