#!/usr/bin/env node
// The `latent-studio` command: runs the TypeScript CLI through tsx's loader, so the command works
// straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli.ts');
