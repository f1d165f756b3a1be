import { useMemo } from 'react';
// KaTeX's stylesheet, and through it its fonts, bundled as files of the build (the CSP allows 'self' only).
import 'katex/dist/katex.min.css';
import type { Problem } from '../../../shared/graph/index';
import { useEditor } from '../../store/use-editor';
import { MathsEntryItem } from './MathsEntryItem';
import { useMathsView } from './useMathsView';
import type { NodeRef } from './maths-view';

/** Props of {@link MathsContent}. */
export interface MathsContentProps {
  /** Selects a node and brings it into view (a click on a term or a chip). */
  readonly onShowNode: (nodeId: string) => void;
  /** Goes to what a problem points at, as the Problems list does. */
  readonly onProblem: (problem: Problem) => void;
}

/** Where a problem's button goes, in words. */
function problemTarget(problem: Problem, node: NodeRef | null): string | null {
  if (node) return `Select ${node.name}`;
  if (problem.edgeId !== undefined) return 'Select the edge';
  if (problem.area === 'training') return 'Show the Training settings';
  return null;
}

/**
 * The maths of the graph in the editor, part by part, with KaTeX (this module and KaTeX load when
 * the panel first opens): the generative model, the approximate posterior, the objective and the
 * gradient estimators; or the problem that stops them; or, for an empty canvas, a hint.
 */
export function MathsContent({ onShowNode, onProblem }: MathsContentProps) {
  const view = useMathsView();
  const selectedIds = useEditor((s) => s.selectedNodeIds);
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);

  if (view.kind === 'empty') {
    return <p className="maths__hint">Add nodes to the canvas or open a template: the model’s equations appear here as you draw it.</p>;
  }
  if (view.kind === 'invalid') {
    const { problem, node } = view;
    const target = problemTarget(problem, node);
    return (
      <div className="maths__problem" data-testid="maths-problem">
        <p className="maths__problem-lead">No equations while the graph has an error. The first one found:</p>
        <p className="maths__problem-message">
          <span className="maths__problem-icon" aria-hidden="true">✕</span>
          <span>
            {problem.message}
            {node ? <span className="maths__problem-node"> (node {node.name})</span> : null}
          </span>
        </p>
        {target ? (
          <button type="button" className="button button--small" onClick={() => onProblem(problem)}>
            {target}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <>
      {view.sections.map((section) => (
        <section key={section.id} className={`maths-section maths-section--${section.id}`} aria-labelledby={`maths-${section.id}`}>
          <h3 className="maths-section__title" id={`maths-${section.id}`}>
            {section.title}
            {section.detail ? <span className="maths-section__detail">{section.detail}</span> : null}
          </h3>
          <ul className="maths-section__entries">
            {section.entries.map((entry) => (
              <MathsEntryItem key={entry.key} entry={entry} selected={selected} onSelectNode={onShowNode} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
