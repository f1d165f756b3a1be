import type { ReactNode } from 'react';
import type { StoredFlag } from '../../window/stored-flag';
import { useStoredFlag } from '../../window/stored-flag';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  /** Which side of the canvas: the chevrons point towards where the panel folds. */
  readonly side: 'left' | 'right';
  /** The panel's name, shown in its bar and on the rail ("Palette", "Inspector"). */
  readonly title: string;
  /** Whether it is open, remembered on this machine. */
  readonly open: StoredFlag;
  /** The id of the panel's body, for aria-controls. */
  readonly bodyId: string;
  readonly className: string;
  readonly children: ReactNode;
}

/**
 * A side panel of the window that folds to a thin rail: a bar with its name and a collapse button
 * on top of its content, or, folded, a rail whose one button opens it again. The window's grid
 * gives the canvas the width a folded panel leaves (see layout.css).
 */
export function SidePanel({ side, title, open: flag, bodyId, className, children }: SidePanelProps) {
  const [open, setOpen] = useStoredFlag(flag);
  const foldsLeft = side === 'left';
  const chevron = open === foldsLeft ? '‹' : '›';
  return (
    <div className={`side side--${side} ${className}${open ? '' : ' side--closed'}`}>
      <div className="side__bar">
        <button
          type="button"
          className="side__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={open ? `Collapse the ${title.toLowerCase()}` : `Expand the ${title.toLowerCase()}`}
          title={open ? `Collapse the ${title.toLowerCase()}` : `Expand the ${title.toLowerCase()}`}
          onClick={() => setOpen(!open)}
        >
          <span className="side__chevron" aria-hidden="true">
            {chevron}
          </span>
          <span className="side__title">{title}</span>
        </button>
      </div>
      {open ? (
        <div className="side__body" id={bodyId}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
