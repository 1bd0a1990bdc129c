// Preloaded into benchmarked processes: prints the process's peak RSS (threads included) on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\npolyguide-peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
