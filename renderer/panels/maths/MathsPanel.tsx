import { lazy, Suspense } from 'react';
import { useEditor } from '../../store/use-editor';
import { MathsBoundary } from './MathsBoundary';
import type { MathsContentProps } from './MathsContent';

/** KaTeX and its stylesheet are loaded with the panel's content, when the panel first opens. */
const MathsContent = lazy(() => import('./MathsContent').then((m) => ({ default: m.MathsContent })));

/** Props of {@link MathsPanel}. */
export interface MathsPanelProps extends MathsContentProps {
  readonly onClose: () => void;
}

/**
 * The maths panel beside the canvas: a bar with its name and a close button, then the equations
 * of the graph in the editor, scrolling. Opened and closed from the top bar's "Maths" toggle.
 */
export function MathsPanel({ onClose, onShowNode, onProblem }: MathsPanelProps) {
  const analysis = useEditor((s) => s.analysis);
  return (
    <section className="maths" id="maths-panel" aria-labelledby="maths-title">
      <div className="maths__bar">
        <h2 className="maths__title" id="maths-title">
          Maths
        </h2>
        <button type="button" className="icon-button" aria-label="Close the maths panel" title="Close the maths panel" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="maths__body">
        <MathsBoundary resetOn={analysis}>
          <Suspense fallback={<p className="maths__hint">Typesetting…</p>}>
            <MathsContent onShowNode={onShowNode} onProblem={onProblem} />
          </Suspense>
        </MathsBoundary>
      </div>
    </section>
  );
}
