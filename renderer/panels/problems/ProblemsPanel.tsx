import { useState } from 'react';
import type { Problem } from '../../../shared/graph/index';
import { ProblemItem } from './ProblemItem';

/** Props of {@link ProblemsPanel}. */
export interface ProblemsPanelProps {
  readonly problems: readonly Problem[];
  /** Whether the graph has any node (an empty graph has nothing to check yet). */
  readonly empty: boolean;
  /** Node names by id, to say where each problem is. */
  readonly nodeNames: ReadonlyMap<string, string>;
  /** Selects the problem's node and centres the view on it. */
  readonly onActivate: (problem: Problem) => void;
}

/** The bottom panel: every problem of the graph, errors first; click one to go to its node. */
export function ProblemsPanel({ problems, empty, nodeNames, onActivate }: ProblemsPanelProps) {
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const sorted = [...errors, ...warnings];
  return (
    <section className={`problems${open ? '' : ' problems--closed'}`} aria-labelledby="problems-title">
      <header className="problems__header">
        <button type="button" className="panel-toggle" aria-expanded={open} aria-controls="problems-list" onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className="problems__chevron">
            {open ? '▾' : '▸'}
          </span>
          <h2 id="problems-title" className="problems__title">
            Problems
          </h2>
        </button>
        <span className="problems__counts" aria-live="polite">
          <span className="count count--error" title="errors">
            <span aria-hidden="true">✕</span> {errors.length} error{errors.length === 1 ? '' : 's'}
          </span>
          <span className="count count--warning" title="warnings">
            <span aria-hidden="true">!</span> {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </span>
        </span>
      </header>
      {open ? (
        sorted.length === 0 ? (
          <p className={`problems__empty${empty ? ' problems__empty--idle' : ''}`} id="problems-list">
            {empty ? 'Nothing to check yet: add nodes from the palette.' : 'No problems: the model is ready to train.'}
          </p>
        ) : (
          <ul className="problems__list" id="problems-list" aria-label="Problems">
            {sorted.map((p, i) => (
              <ProblemItem key={`${p.code}-${p.nodeId ?? ''}-${p.port ?? ''}-${p.edgeId ?? ''}-${i}`} problem={p} nodeName={p.nodeId ? (nodeNames.get(p.nodeId) ?? null) : null} onActivate={onActivate} />
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
