#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the repository needs no compile step before `npx homeward`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
