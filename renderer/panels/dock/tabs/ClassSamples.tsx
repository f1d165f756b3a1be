import { useId, useMemo, useState } from 'react';
import type { Inspection } from '../../../../shared/protocol/runs';
import { formatStep } from '../../../charts/format';
import { ImageGrid } from '../../../charts/ImageGrid';
import { labelGridColumns, ROW_PER_LABEL, shownIndices, validChoice, type LabelChoice } from './class-samples';

type PriorSamples = NonNullable<Inspection['priorSamples']>;

/** Props of {@link ClassSamples}. */
export interface ClassSamplesProps {
  readonly samples: PriorSamples & { readonly byClass: NonNullable<PriorSamples['byClass']> };
  readonly step: number;
}

/**
 * Samples of a decoder that reads a class label (x | z, y), with a chooser of the label: every
 * label, a row each (the first draws of each), or one label's every draw in a grid of its own.
 * The draws are the inspection's (made in the worker, saved with the run), so the chooser works
 * while training, after the run and for a run reopened from the history.
 */
export function ClassSamples({ samples, step }: ClassSamplesProps) {
  const { column, classes, perClass } = samples.byClass;
  const [chosen, setChosen] = useState<LabelChoice>('all');
  const choice = validChoice(chosen, classes);
  const indices = useMemo(() => shownIndices({ classes, perClass }, choice), [classes, perClass, choice]);
  const pickId = useId();
  const row = Math.min(ROW_PER_LABEL, perClass);
  const observed = samples.observed;
  return (
    <div className="dock__class-samples">
      <div className="dock__class-pick">
        <label htmlFor={pickId}>Show samples for</label>
        <select
          id={pickId}
          className="input input--select"
          value={choice === 'all' ? 'all' : String(choice)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setChosen(v === 'all' ? 'all' : Number(v));
          }}
        >
          <option value="all">every {column} (a row each)</option>
          {Array.from({ length: classes }, (_, k) => (
            <option key={k} value={k}>
              {column} {k}
            </option>
          ))}
        </select>
      </div>
      {choice === 'all' ? (
        <ImageGrid
          images={samples.images}
          indices={indices}
          columns={row}
          cellSize={34}
          title={`Samples for each ${column}`}
          meta={`row k: ${column} = k, z from the prior · step ${formatStep(step)}`}
          label={`${row} samples of ${observed} for each ${column} from 0 to ${classes - 1}, a row each, latents from the prior through the decoder`}
          exportName="prior-samples"
        />
      ) : (
        <ImageGrid
          images={samples.images}
          indices={indices}
          columns={labelGridColumns(perClass)}
          cellSize={56}
          title={`Samples for ${column} ${choice}`}
          meta={`${perClass} draws of z from the prior, ${column} = ${choice} · step ${formatStep(step)}`}
          label={`${perClass} samples of ${observed} for ${column} ${choice}, latents from the prior through the decoder`}
          exportName="prior-samples"
        />
      )}
    </div>
  );
}
