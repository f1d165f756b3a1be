import type { Inspection } from '../../../../shared/protocol/runs';
import { formatStep } from '../../../charts/format';

type Words = NonNullable<Inspection['bagOfWords']>['prior'][number];

/** The most probable words of one decoded z, each with its probability. */
function WordList({ words }: { readonly words: Words }) {
  return (
    <span className="bow__words">
      {words.map((w, i) => (
        <span key={i} className="bow__word" title={`p = ${w.p.toPrecision(3)}`}>
          {w.word}
          <span className="bow__p"> {(w.p * 100).toFixed(1)}%</span>
        </span>
      ))}
    </span>
  );
}

/**
 * A bag-of-words model's samples, as words: for draws z ~ p(z) and for held-out documents encoded
 * (z = E_q[z]), the most probable words of Categorical(softmax(decoder(z))); the documents shown
 * by their first tokens.
 */
export function BagOfWordsSamples({ section, step }: { readonly section: NonNullable<Inspection['bagOfWords']>; readonly step: number }) {
  return (
    <div className="bow">
      {section.prior.length > 0 && (
        <figure className="bow__figure" aria-label={`the most probable words of ${section.observed} for ${section.prior.length} draws from the prior`}>
          <div className="run-chart__header">
            <h3 className="run-chart__title">Samples from the prior</h3>
            <span className="run-chart__meta">most probable words of {section.observed} · step {formatStep(step)}</span>
          </div>
          <ol className="bow__list">
            {section.prior.map((words, i) => (
              <li key={i}>
                <WordList words={words} />
              </li>
            ))}
          </ol>
        </figure>
      )}
      {section.reconstructions.length > 0 && (
        <figure className="bow__figure" aria-label={`${section.reconstructions.length} held-out documents beside the most probable words of their reconstructions`}>
          <div className="run-chart__header">
            <h3 className="run-chart__title">Reconstructions</h3>
            <span className="run-chart__meta">held-out documents · step {formatStep(step)}</span>
          </div>
          <ol className="bow__list">
            {section.reconstructions.map((r, i) => (
              <li key={i}>
                <q className="bow__text">{r.text}</q>
                <WordList words={r.words} />
              </li>
            ))}
          </ol>
        </figure>
      )}
    </div>
  );
}
