import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { summaryOf } from '../../canvas/buildViews';
import { editorStore, useEditor } from '../../store/use-editor';
import { TrainingSettings } from '../training-settings/TrainingSettings';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';

/** The summary line of a node, as the canvas shows it. */
function useSummary(nodeId: string | null): string {
  const analysis = useEditor((s) => s.analysis);
  const node = useEditor((s) => (nodeId ? s.nodes.find((n) => n.id === nodeId) : undefined));
  return useMemo(() => (node ? summaryOf(node, analysis) : ''), [node, analysis]);
}

/**
 * The right panel: the selected node's settings; the selected edge; a count for several; the
 * training settings when nothing is selected.
 */
export function Inspector({ onRefused }: { readonly onRefused: (reason: string) => void }) {
  const selectedNodes = useEditor((s) => s.selectedNodeIds);
  const selectedEdges = useEditor((s) => s.selectedEdgeIds);
  const nodeId = selectedNodes.length === 1 ? selectedNodes[0]! : null;
  const node = useEditor((s) => (nodeId ? s.nodes.find((n) => n.id === nodeId) : undefined));
  const problems = useEditor((s) => (nodeId ? s.problemsByNode(nodeId) : s.problems));
  const connected = useEditor(useShallow((s) => (nodeId ? s.edges.filter((e) => e.target.node === nodeId).map((e) => e.target.port) : [])));
  const connectedSet = useMemo(() => new Set(connected), [connected]);
  const training = useEditor((s) => s.training);
  const drafts = useEditor((s) => s.trainingDrafts);
  const summary = useSummary(nodeId);

  let body;
  if (node) {
    body = (
      <NodeInspector
        key={node.id}
        node={node}
        problems={problems}
        summary={summary}
        connectedInputs={connectedSet}
        onRename={(name) => {
          const r = editorStore.getState().renameNode(node.id, name);
          return r.ok ? null : r.reason;
        }}
        onParams={(patch) => editorStore.getState().updateParams(node.id, patch)}
      />
    );
  } else if (selectedNodes.length > 1) {
    body = (
      <section className="inspector__section" aria-labelledby="inspector-title">
        <h2 id="inspector-title" className="inspector__title">
          {selectedNodes.length} nodes selected
        </h2>
        <p className="inspector__multi">Drag to move them together, duplicate or delete them. Select one node to edit its settings.</p>
        <div>
          <button type="button" className="button button--danger" onClick={() => editorStore.getState().removeSelection()}>
            Delete {selectedNodes.length} nodes
          </button>
        </div>
      </section>
    );
  } else if (selectedEdges.length === 1) {
    body = <EdgeInspector edgeId={selectedEdges[0]!} />;
  } else {
    body = (
      <TrainingSettings
        training={training}
        drafts={drafts}
        onDraft={(path, draft) => editorStore.getState().setTrainingDraft(path, draft)}
        onChange={(next) => {
          const r = editorStore.getState().setTraining(next);
          if (!r.ok) onRefused(r.reason);
        }}
      />
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector" id="inspector">
      {body}
    </aside>
  );
}
