import { useMemo } from 'react';
import { parseGraphFile, type GraphFile } from '../../../shared/graph/index';
import type { Result } from '../../../shared/protocol/api';
import { GraphThumbnail } from './GraphThumbnail';
import { TemplateCard } from './TemplateCard';

type Example = Result<'examples.list'>[number];
type Parsed = readonly { readonly ex: Example; readonly file: GraphFile }[];

/** The templates parsed once per list: the start preview and then the editor show the same list. */
const parsedLists = new WeakMap<readonly Example[], Parsed>();

function parseExamples(examples: readonly Example[]): Parsed {
  let parsed = parsedLists.get(examples);
  if (!parsed) {
    parsed = examples.flatMap((ex) => {
      try {
        return [{ ex, file: parseGraphFile(ex.text) }];
      } catch {
        return [];
      }
    });
    parsedLists.set(examples, parsed);
  }
  return parsed;
}

/** Props of {@link StartScreen}. */
export interface StartScreenProps {
  /** The examples from `examples.list`; null while loading. */
  readonly examples: readonly Example[] | null;
  /** Why the examples could not be loaded, if they could not. */
  readonly error?: string | null;
  readonly recent: readonly string[];
  readonly onExample: (example: Example, file: GraphFile) => void;
  readonly onEmpty: () => void;
  readonly onOpen: () => void;
  readonly onRecent: (path: string) => void;
}

/** The start screen over an empty, untitled canvas: a gallery of example models and "Empty canvas". */
export function StartScreen({ examples, error, recent, onExample, onEmpty, onOpen, onRecent }: StartScreenProps) {
  const parsed = useMemo(() => (examples ? parseExamples(examples) : []), [examples]);
  return (
    <div className="start" role="region" aria-labelledby="start-title">
      <div className="start__inner">
        <h1 id="start-title" className="start__title">
          Start a model
        </h1>
        <p className="start__lead">Open an example, or start from an empty canvas and drag nodes in from the palette.</p>
        <ul className="start__gallery" aria-label="Templates">
          <TemplateCard
            title="Empty canvas"
            description="Start from nothing: add data, networks and distributions from the palette."
            picture={
              <svg className="thumbnail thumbnail--empty" viewBox="0 0 160 90" aria-hidden="true">
                <rect x="6" y="6" width="148" height="78" rx="10" className="thumbnail__blank" />
                <path d="M80 32 v26 M67 45 h26" className="thumbnail__plus" />
              </svg>
            }
            onOpen={onEmpty}
          />
          {parsed.map(({ ex, file }) => (
            <TemplateCard
              key={ex.id}
              title={ex.title}
              description={ex.description}
              picture={<GraphThumbnail graph={file.graph} layout={file.layout} label={`${ex.title}: ${file.graph.nodes.length} nodes`} />}
              onOpen={() => onExample(ex, file)}
            />
          ))}
        </ul>
        {examples === null && !error ? <p className="start__note">Loading examples…</p> : null}
        {error ? (
          <p className="start__note start__note--error" role="alert">
            Examples could not be loaded: {error}
          </p>
        ) : null}
        <div className="start__more">
          <button type="button" className="button" onClick={onOpen}>
            Open a file…
          </button>
          {recent.length ? (
            <div className="start__recent">
              <h2 className="start__subtitle">Recent</h2>
              <ul>
                {recent.map((p) => (
                  <li key={p}>
                    <button type="button" className="link-button" onClick={() => onRecent(p)} title={p}>
                      {p.split(/[\\/]/).pop()}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
