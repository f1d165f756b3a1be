import {
  formatAccuracy,
  formatLearningRate,
  formatLearningRateTick,
  formatNats,
  formatNatsTick,
  formatPercentTick,
  formatSignificant,
  formatSignificantTick,
} from './format';
import type { ValueFormat } from './metric-definitions';

/** How a chart of one {@link ValueFormat} writes a value (tooltip) and an axis tick. */
export interface ValueFormatter {
  readonly value: (value: number) => string;
  readonly tick: (value: number) => string;
}

/** The writers of each value format of the metric charts. */
export const VALUE_FORMATTERS: Readonly<Record<ValueFormat, ValueFormatter>> = {
  nats: { value: formatNats, tick: formatNatsTick },
  rate: { value: formatLearningRate, tick: formatLearningRateTick },
  percent: { value: formatAccuracy, tick: formatPercentTick },
  significant: { value: formatSignificant, tick: formatSignificantTick },
};
