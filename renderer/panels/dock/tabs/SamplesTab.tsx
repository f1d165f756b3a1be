import type { Inspection } from '../../../../shared/protocol/runs';
import { formatStep } from '../../../charts/format';
import { ImageGrid } from '../../../charts/ImageGrid';
import { ReconstructionGrid } from '../../../charts/ReconstructionGrid';
import { BagOfWordsSamples } from './BagOfWordsSamples';
import { ClassSamples } from './ClassSamples';
import { SentenceSamples } from './SentenceSamples';

/**
 * What an image model draws: samples from the prior through the decoder beside held-out inputs and
 * their reconstructions; for a bag-of-words model, the same as words; for a sentence model, as sentences. A decoder that also reads a
 * class label (a conditional VAE) is drawn from for each class: a row per class, or a grid for the
 * class chosen. Where the prior cannot be drawn from alone (a decoder that reads other data), the
 * tab says why in the samples' place rather than leaving them out silently.
 */
export function SamplesTab({ inspection }: { readonly inspection: Inspection }) {
  const { priorSamples, reconstructions, notes, bagOfWords, sentences } = inspection;
  if (bagOfWords) return <BagOfWordsSamples section={bagOfWords} step={inspection.step} />;
  if (sentences) return <SentenceSamples section={sentences} step={inspection.step} />;
  return (
    <div className="dock__images">
      {priorSamples?.byClass ? (
        <ClassSamples samples={{ ...priorSamples, byClass: priorSamples.byClass }} step={inspection.step} />
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
