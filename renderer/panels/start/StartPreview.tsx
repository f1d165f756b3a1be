import { useState } from 'react';
import { trainingSchema } from '../../../shared/graph/index';
import type { ApiClient } from '../../../shared/protocol/api';
import { useExamples } from '../../window/useExamples';
import { readRecent } from '../files/recentFiles';
import { MATHS_OPEN } from '../maths/maths-flag';
import { INSPECTOR_OPEN, PALETTE_OPEN } from '../side/side-flags';
import { SidePanel } from '../side/SidePanel';
import { TopBar } from '../topbar/TopBar';
import { durationLabel } from '../train-controls/duration-label';
import { TrainControls } from '../train-controls/TrainControls';
import { chooseEarly, type EarlyStart } from './early-start';
import { StartScreen } from './StartScreen';

/** How long a new document trains: Train's label until the editor has loaded. */
const NEW_DOCUMENT_DURATION = trainingSchema.parse({}).duration;

/**
 * The window as it first appears, before the editor's code has loaded (renderer/main.tsx shows
 * this, then the editor replaces it in one render): the same grid, top bar and side panels, so
 * nothing moves when the editor arrives, with the start screen and its templates in place and
 * the panels still empty. A click here is kept (early-start.ts) and carried out by the editor;
 * the page says it is opening meanwhile. Should the editor's code fail to load, `failure` says so
 * on the status line.
 */
export function StartPreview({ api, failure }: { api: ApiClient; failure?: string }) {
  const { examples, error } = useExamples(api);
  const [opening, setOpening] = useState(false);
  const choose = (choice: EarlyStart) => {
    chooseEarly(choice);
    setOpening(true);
  };
  return (
    <div className="app" aria-busy={opening}>
      <TopBar
        fileName={null}
        filePath={null}
        dirty={false}
        canUndo={false}
        canRedo={false}
        canLayout={false}
        mathsOpen={MATHS_OPEN.get()}
        shortcuts={{}}
        onCommand={(command) => choose({ kind: 'command', command })}
        trailing={
          <TrainControls
            blocked="The editor is still loading"
            durationLabel={durationLabel(NEW_DOCUMENT_DURATION)}
            live={null}
            onTrain={() => undefined}
            onPause={() => undefined}
            onResume={() => undefined}
            onStop={() => undefined}
          />
        }
      />
      <SidePanel side="left" title="Palette" open={PALETTE_OPEN} bodyId="palette-panel" className="side--palette">
        {null}
      </SidePanel>
      <main className="center">
        <div className="canvas-row">
          <div className={`canvas-area${opening ? ' canvas-area--opening' : ''}`}>
            <StartScreen
              examples={examples}
              error={error}
              recent={readRecent()}
              onExample={(example, file) => choose({ kind: 'example', example, file })}
              onEmpty={() => choose({ kind: 'empty' })}
              onOpen={() => choose({ kind: 'command', command: 'open' })}
              onRecent={(path) => choose({ kind: 'recent', path })}
            />
          </div>
          {MATHS_OPEN.get() ? <section className="maths" aria-hidden="true" /> : null}
        </div>
      </main>
      <SidePanel side="right" title="Inspector" open={INSPECTOR_OPEN} bodyId="inspector-panel" className="side--inspector">
        {null}
      </SidePanel>
      <footer className="statusline">
        {failure ? (
          <div className="statusline__message statusline__message--error" role="alert">
            {failure}
          </div>
        ) : null}
      </footer>
    </div>
  );
}
