// `npm start`: starts the desktop app when Electron's binary is installed. The canvas editor and
// web mode are the next milestones; until they land this says plainly what exists and how to use it.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  // Read the package's path.txt rather than require('electron'), which tries to download the binary.
  const dir = dirname(require.resolve('electron/package.json'));
  const path = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
  if (existsSync(path)) electronBinary = path;
} catch {
  electronBinary = null;
}
console.log(electronBinary
  ? `Electron found at ${electronBinary}.`
  : "Electron's binary is not installed on this machine (its download is blocked here).");
console.log('The model editor (desktop window and web mode) is not built yet; the engine is, through the command line:');
console.log('  npx latent-studio validate assets/examples/vae-mnist.json');
console.log('  npx latent-studio train assets/examples/vae-mnist.json --steps 2000 --out runs/vae');
console.log('  npx latent-studio bench');
