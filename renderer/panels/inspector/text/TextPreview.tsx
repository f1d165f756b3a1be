import { useId } from 'react';
import type { TextInspection } from '../../../../shared/protocol/text-data';

const n = (v: number): string => v.toLocaleString('en-US');
const plural = (v: number, one: string, many = `${one}s`): string => `${n(v)} ${v === 1 ? one : many}`;

/**
 * What the loader makes of a text node's file: its lines and how the seed splits them, the
 * vocabulary the training words fill against the size asked, the most frequent words (the
 * vocabulary's first) and the first lines as written. A file that could not be read shows nothing
 * here: its problem is said at the file field and in the Problems list.
 */
export function TextPreview({ inspection }: { readonly inspection: TextInspection }) {
  const { lines, trainLines, heldOutLines, trainTokens, distinctWords, eligibleWords, vocabularyAsked, vocabularyReached, topWords, firstLines, problems } = inspection;
  const id = useId();
  if (problems.some((p) => p.kind === 'missing-file' || p.kind === 'unreadable')) return null;
  const short = vocabularyReached < vocabularyAsked;
  return (
    <figure className="text-preview">
      <figcaption className="text-preview__caption">
        {plural(lines, 'line')} with words{lines >= 2 ? ` · ${n(trainLines)} training, ${n(heldOutLines)} held out` : ''}
      </figcaption>
      <div className="text-preview__scroll" tabIndex={0} role="region" aria-label={`Preview of ${inspection.path}`}>
        <dl className="text-preview__facts">
          <dt>Vocabulary</dt>
          <dd className={short ? 'text-preview__short' : undefined}>
            {n(vocabularyReached)} of {n(vocabularyAsked)} ids filled{short ? ': too few words' : ''}
          </dd>
          <dt>Training words</dt>
          <dd>
            {plural(trainTokens, 'token')}, {plural(distinctWords, 'distinct word')}
            {eligibleWords !== distinctWords ? `, ${n(eligibleWords)} frequent enough` : ''}
          </dd>
        </dl>
        {topWords.length > 0 ? (
          <>
            <h4 className="text-preview__heading" id={`${id}-top`}>
              Most frequent words
            </h4>
            <ol className="text-preview__words" aria-labelledby={`${id}-top`}>
              {topWords.map((w) => (
                <li key={w.word}>
                  <span className="text-preview__word">{w.word}</span> <span className="text-preview__count">{n(w.count)}</span>
                </li>
              ))}
            </ol>
          </>
        ) : null}
        {firstLines.length > 0 ? (
          <>
            <h4 className="text-preview__heading" id={`${id}-first`}>
              First lines
            </h4>
            <ol className="text-preview__lines" aria-labelledby={`${id}-first`}>
              {firstLines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </figure>
  );
}
