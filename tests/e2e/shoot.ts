/**
 * Screenshots of the editor for a person to look at: `npx tsx tests/e2e/shoot.ts` (builds the
 * renderer first if dist/renderer is missing). Writes PNGs to test-artifacts/e2e/shots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, handle, nodeEl, resetToEmpty, startEdgeDrag } from './editor-driver';
import { ARTIFACTS, ensureRendererBuilt, startWebApp } from './web-app';

const dir = join(ARTIFACTS, 'shots');
mkdirSync(dir, { recursive: true });
await ensureRendererBuilt();
const app = await startWebApp({ viewport: { width: 1440, height: 900 } });
const { page } = app;
const shot = async (name: string) => {
  await page.waitForTimeout(350);
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  console.log(path);
};
try {
  await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).waitFor();
  await shot('01-start-screen');
  await page.getByRole('button', { name: 'Variational autoencoder on MNIST' }).click();
  await nodeEl(page, 'decoder').waitFor();
  await shot('02-vae-example');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await shot('03-vae-auto-layout');
  await nodeEl(page, 'z').click();
  await shot('04-latent-inspector');

  await resetToEmpty(page);
  await page.getByRole('button', { name: 'CSV file', exact: true }).click();
  await shot('05-csv-inspector');
  await page.getByRole('button', { name: 'Learnable parameter', exact: true }).click();
  await page.getByLabel('Constraint').selectOption('positive');
  await shot('06-learnable-invalid-init');

  await resetToEmpty(page);
  for (const name of ['Two moons', 'MLP', 'Normal', 'Categorical']) await page.getByRole('button', { name, exact: true }).click();
  await connect(page, ['moons', 'x'], ['encoder', 'in']);
  const release = await startEdgeDrag(page, handle(page, 'moons', 'label', 'out'), handle(page, 'z', 'loc', 'in'));
  await shot('07-refusing-while-dragging');
  await release();
  await shot('08-refused-alert');
} finally {
  if (app.pageErrors.length) console.log(`page errors:\n${app.pageErrors.join('\n')}`);
  await app.close();
}
