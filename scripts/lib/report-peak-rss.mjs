// Preloaded into benchmarked processes: prints the process's peak RSS (threads included) on exit.
// Plain JavaScript, like the command's entry, so that preloading it does not load Node's TypeScript
// stripper, which the command itself no longer needs.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\npolyguide-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
