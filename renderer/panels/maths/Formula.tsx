import { memo, useLayoutEffect, useRef, type MouseEvent } from 'react';
import type { MarkedTerm } from '../../../shared/maths/index';
import { renderFormula } from './katex-render';
import { isHighlighted } from './maths-view';
import { useOverflows } from './useOverflows';

/** Props of {@link Formula}. */
export interface FormulaProps {
  readonly latex: string;
  /** Its marks: `data-term="i"` is `terms[i]`. */
  readonly terms: readonly MarkedTerm[];
  /** The nodes selected on the canvas: the marks they highlight are drawn highlighted. */
  readonly selected: ReadonlySet<string>;
  /** A click on a mark selects its node. */
  readonly onSelectNode: (nodeId: string) => void;
}

/**
 * One formula typeset by KaTeX, its marked terms highlighted by the selection and clickable. A
 * formula KaTeX refuses shows its LaTeX instead, with a note: one bad formula never takes the
 * panel down. A formula wider than the panel scrolls sideways (and is then a tab stop, so the
 * keyboard can scroll it).
 */
export const Formula = memo(function Formula({ latex, terms, selected, onSelectNode }: FormulaProps) {
  const rendered = renderFormula(latex);
  const ref = useRef<HTMLDivElement>(null);
  const overflows = useOverflows(ref, rendered);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || terms.length === 0) return;
    for (const mark of el.querySelectorAll<HTMLElement>('[data-term]')) {
      const term = terms[Number(mark.dataset.term)];
      mark.classList.toggle('maths-term--on', term !== undefined && isHighlighted(term.nodes, selected));
    }
  }, [rendered, terms, selected]);

  if (!rendered.ok) {
    return (
      <div className="maths-formula maths-formula--failed">
        <p className="maths-formula__note">This formula could not be typeset ({rendered.message}). Its LaTeX:</p>
        <pre className="maths-formula__source">
          <code>{latex}</code>
        </pre>
      </div>
    );
  }

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const mark = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-term]') : null;
    const term = mark && e.currentTarget.contains(mark) ? terms[Number(mark.dataset.term)] : undefined;
    if (!term) return;
    // The term's node, not the entry's (an entry of one node selects it on any click).
    e.stopPropagation();
    onSelectNode(term.nodeId);
  };

  return (
    <div
      ref={ref}
      className="maths-formula"
      tabIndex={overflows ? 0 : undefined}
      role={overflows ? 'group' : undefined}
      aria-label={overflows ? 'Formula, scrolls sideways' : undefined}
      onClick={terms.length ? onClick : undefined}
      dangerouslySetInnerHTML={{ __html: rendered.html }}
    />
  );
});
