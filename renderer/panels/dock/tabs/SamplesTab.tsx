import type { Inspection } from '../../../../shared/protocol/runs';
import { formatStep } from '../../../charts/format';
import { ImageGrid } from '../../../charts/ImageGrid';
import { ReconstructionGrid } from '../../../charts/ReconstructionGrid';
import { BagOfWordsSamples } from './BagOfWordsSamples';

/**
 * What an image model draws: samples from the prior through the decoder beside held-out inputs and
 * their reconstructions; for a bag-of-words model, the same as words. A decoder that also reads a
 * class label (a conditional VAE) is drawn from for each class, a row per class. Where the prior
 * cannot be drawn from alone (a decoder that reads other data), the tab says why in the samples'
 * place rather than leaving them out silently.
 */
export function SamplesTab({ inspection }: { readonly inspection: Inspection }) {
  const { priorSamples, reconstructions, notes, bagOfWords } = inspection;
  if (bagOfWords) return <BagOfWordsSamples section={bagOfWords} step={inspection.step} />;
  return (
    <div className="dock__images">
      {priorSamples?.byClass ? (
        <ImageGrid
          images={priorSamples.images}
          columns={priorSamples.byClass.perClass}
          cellSize={34}
          title={`Samples for each ${priorSamples.byClass.column}`}
          meta={`row k: ${priorSamples.byClass.column} = k, z from the prior · step ${formatStep(inspection.step)}`}
          label={`${priorSamples.byClass.perClass} samples of ${priorSamples.observed} for each ${priorSamples.byClass.column} from 0 to ${priorSamples.byClass.classes - 1}, a row each, latents from the prior through the decoder`}
          exportName="prior-samples"
        />
      ) : priorSamples ? (
        <ImageGrid
          images={priorSamples.images}
          cellSize={34}
          title="Samples from the prior"
          meta={`through the decoder · step ${formatStep(inspection.step)}`}
          label={`${priorSamples.images.count} samples of ${priorSamples.observed} from the prior through the decoder`}
          exportName="prior-samples"
        />
      ) : notes?.priorSamples ? (
        <p className="dock__note" role="note">
          {notes.priorSamples}
        </p>
      ) : null}
      {reconstructions ? (
        <ReconstructionGrid
          inputs={reconstructions.inputs}
          outputs={reconstructions.outputs}
          cellSize={34}
          title="Reconstructions"
          meta={`held-out inputs · step ${formatStep(inspection.step)}`}
          exportName="reconstructions"
        />
      ) : null}
    </div>
  );
}
