import { memo } from 'react';
import { Formula } from './Formula';
import { isHighlighted, type MathsEntry } from './maths-view';
import { NodeChip } from './NodeChip';

/** Props of {@link MathsEntryItem}. */
export interface MathsEntryItemProps {
  readonly entry: MathsEntry;
  readonly selected: ReadonlySet<string>;
  readonly onSelectNode: (nodeId: string) => void;
}

const NO_TERMS: readonly never[] = [];

/**
 * One entry of a section: its formulas, the chip of the node it comes from beside the first (or,
 * for a formula of several nodes, a chip per term below it), highlighted while a node it is written
 * from is selected. A click anywhere on an entry of one node selects that node.
 */
export const MathsEntryItem = memo(function MathsEntryItem({ entry, selected, onSelectNode }: MathsEntryItemProps) {
  const on = isHighlighted(entry.nodes, selected);
  const source = entry.source;
  const [first = '', ...rest] = entry.lines;
  return (
    <li
      className={`maths-entry${on ? ' maths-entry--on' : ''}${entry.notes ? ' maths-entry--notes' : ''}${source ? ' maths-entry--source' : ''}`}
      data-entry={entry.key}
      onClick={source ? () => onSelectNode(source.nodeId) : undefined}
    >
      {entry.notes ? <span className="maths-entry__where">where</span> : null}
      <div className="maths-entry__head">
        <Formula latex={first} terms={entry.terms} selected={selected} onSelectNode={onSelectNode} />
        {source ? <NodeChip node={source} label={entry.caption} on={on} onSelectNode={onSelectNode} /> : null}
      </div>
      {rest.map((line, i) => (
        <Formula key={i} latex={line} terms={NO_TERMS} selected={selected} onSelectNode={onSelectNode} />
      ))}
      {entry.chips.length > 0 ? (
        <div className="maths-entry__chips" role="group" aria-label="Terms and their nodes">
          {entry.chips.map((c) => (
            <NodeChip key={`${c.label}:${c.node.nodeId}`} node={c.node} label={c.label} on={isHighlighted(c.nodes, selected)} onSelectNode={onSelectNode} />
          ))}
        </div>
      ) : null}
    </li>
  );
});
