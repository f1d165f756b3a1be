import { storedFlag } from '../window/stored-flag';

/** Whether the canvas shows its minimap (the overview); remembered per machine. */
export const MINIMAP_SHOWN = storedFlag('latent-studio.minimap', true);
