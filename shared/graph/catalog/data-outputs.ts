import type { PortSpec } from './kind';
import type { ValueType } from '../values';

/** The `x` and `label` output ports every data kind has. */
export function dataPorts(xShape: string, labelShape: string): PortSpec[] {
  return [
    { name: 'x', direction: 'out', flow: 'data', description: 'one example per row', shape: xShape },
    { name: 'label', direction: 'out', flow: 'data', description: 'the class of each example', shape: labelShape },
  ];
}

/** The type of a data column. */
export function dataType(size: number | null, domain: ValueType['domain'], categories?: number | null): ValueType {
  return categories === undefined ? { flow: 'data', size, domain, perExample: true } : { flow: 'data', size, domain, categories, perExample: true };
}
