import { storedFlag } from '../../window/stored-flag';

/** Whether the maths panel is open beside the canvas; remembered per machine, closed at first. */
export const MATHS_OPEN = storedFlag('latent-studio.mathsOpen', false);
