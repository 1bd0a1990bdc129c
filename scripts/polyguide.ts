#!/usr/bin/env node
// The `polyguide` command: a thin shell over src/cli, which sets the exit code.
import module from 'node:module';

// Compiled (and type-stripped) code is reused across runs: a cached `check` starts in a fraction.
module.enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
