import { z } from 'zod';

/** The share of a data set kept out of training to measure the held-out ELBO. */
export const heldOutFraction = z.number().min(0.01).max(0.9).default(0.2).describe('Held-out fraction');
