#!/usr/bin/env node
// The `sponsor-desk` command. Runs the TypeScript sources through tsx so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv.slice(2));
