import { z } from 'zod';

/** A problem as produced by shared/graph's validator. */
export const problemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  port: z.string().optional(),
  edgeId: z.string().optional(),
  param: z.string().optional(),
  /** For a setting's problem: what its field says, in the inspector's words ("layer 1: must be at least 1"). */
  fieldMessage: z.string().optional(),
  area: z.literal('training').optional(),
});
