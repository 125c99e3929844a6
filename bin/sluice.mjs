#!/usr/bin/env node
// The `sluice` command: runs the built CLI (npm install builds it through "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(built)) {
  console.error('sluice: the CLI is not built yet; run "npm run build" in the Sluice folder first.');
  process.exit(1);
}
await import(built);
