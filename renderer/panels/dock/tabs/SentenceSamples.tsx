import type { Inspection } from '../../../../shared/protocol/runs';
import { formatStep } from '../../../charts/format';

type Section = NonNullable<Inspection['sentences']>;

/** A sentence as shown: in quotes, or a note that the model ended it at once. */
function Sentence({ text }: { readonly text: string }) {
  return text ? <q className="sentences__text">{text}</q> : <span className="sentences__empty">(the end token at once: an empty sentence)</span>;
}

/**
 * A sentence model's samples, as text: sentences generated from the prior (each token drawn given
 * the ones before, to the end token), and held-out sentences beside their decodings, greedy from
 * z = E_q[z] and drawn from z ~ q(z | x).
 */
export function SentenceSamples({ section, step }: { readonly section: Section; readonly step: number }) {
  return (
    <div className="bow">
      {section.prior.length > 0 && (
        <figure className="bow__figure" aria-label={`${section.prior.length} sentences of ${section.observed} generated from the prior`}>
          <div className="run-chart__header">
            <h3 className="run-chart__title">Samples from the prior</h3>
            <span className="run-chart__meta">sentences drawn token by token · step {formatStep(step)}</span>
          </div>
          <ol className="bow__list">
            {section.prior.map((s, i) => (
              <li key={i}>
                <Sentence text={s} />
              </li>
            ))}
          </ol>
        </figure>
      )}
      {section.reconstructions.length > 0 && (
        <figure className="bow__figure" aria-label={`${section.reconstructions.length} held-out sentences beside their reconstructions`}>
          <div className="run-chart__header">
            <h3 className="run-chart__title">Reconstructions</h3>
            <span className="run-chart__meta">held-out sentences · greedy from the mean of q, drawn from q · step {formatStep(step)}</span>
          </div>
          <ol className="bow__list">
            {section.reconstructions.map((r, i) => (
              <li key={i}>
                <q className="bow__text">{r.text}</q>
                <dl className="sentences__decoded">
                  <dt>greedy</dt>
                  <dd><Sentence text={r.greedy} /></dd>
                  <dt>drawn</dt>
                  <dd><Sentence text={r.sampled} /></dd>
                </dl>
              </li>
            ))}
          </ol>
        </figure>
      )}
    </div>
  );
}
