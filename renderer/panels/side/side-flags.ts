import { storedFlag } from '../../window/stored-flag';

/** Whether the palette (left) is open; remembered per machine. */
export const PALETTE_OPEN = storedFlag('latent-studio.paletteOpen', true);

/** Whether the inspector (right) is open; remembered per machine. */
export const INSPECTOR_OPEN = storedFlag('latent-studio.inspectorOpen', true);
