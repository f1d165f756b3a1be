import { RUN_COLORS } from '../../charts/palette';

/**
 * One colour per kind of estimator on the variance chart (Okabe–Ito, as the runs' colours, so they
 * stay apart under the common colour-vision deficiencies).
 */
const COLORS: Record<string, string> = {
  'score-function': RUN_COLORS[1]!,
  relaxed: RUN_COLORS[0]!,
  'straight-through': RUN_COLORS[2]!,
  reparameterisation: RUN_COLORS[3]!,
  enumeration: RUN_COLORS[4]!,
};

/** The colour of an estimator's bars (grey for a kind this table does not know). */
export function estimatorColor(estimator: string): string {
  return COLORS[estimator] ?? '#5f6772';
}
