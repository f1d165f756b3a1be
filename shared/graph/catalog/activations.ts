import { z } from 'zod';
import type { Domain } from '../values';

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'softplus', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const activationSchema = z.enum(ACTIVATIONS);

/** The domain of an activation's output: what a downstream port may assume about it. */
export function activationDomain(a: Activation): Domain {
  switch (a) {
    case 'softplus': return 'positive';
    case 'sigmoid': return 'unit';
    default: return 'real';
  }
}
