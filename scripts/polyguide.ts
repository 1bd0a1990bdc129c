#!/usr/bin/env node
// The `polyguide` command: a thin shell over src/cli, which sets the exit code.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
