import type { NodeRef } from './maths-view';

/** Props of {@link NodeChip}. */
export interface NodeChipProps {
  readonly node: NodeRef;
  /** What the term is of the node ("prior", "KL, closed form"), after its name. */
  readonly label: string | null;
  /** Drawn highlighted (its node, or one computing it, is selected). */
  readonly on: boolean;
  readonly onSelectNode: (nodeId: string) => void;
}

/** A node's name in its category's colour, as a button that selects the node on the canvas: the keyboard's way to a term. */
export function NodeChip({ node, label, on, onSelectNode }: NodeChipProps) {
  return (
    <button
      type="button"
      className={`maths-chip maths-chip--${node.category}${on ? ' maths-chip--on' : ''}`}
      title={`Select ${node.name} on the canvas`}
      onClick={(e) => {
        // The entry around it selects the same node; once is enough.
        e.stopPropagation();
        onSelectNode(node.nodeId);
      }}
    >
      <span className="visually-hidden">Select </span>
      <span className="maths-chip__name">{node.name}</span>
      {label ? <span className="maths-chip__label">{label}</span> : null}
    </button>
  );
}
