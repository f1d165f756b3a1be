import { describeShape } from '../../../shared/graph/index';
import { editorStore, useEditor } from '../../store/use-editor';

/** The inspector of one edge: what it carries, between which ports, its problems, and Delete. */
export function EdgeInspector({ edgeId }: { readonly edgeId: string }) {
  const edge = useEditor((s) => s.edges.find((e) => e.id === edgeId));
  const nodes = useEditor((s) => s.nodes);
  const analysis = useEditor((s) => s.analysis);
  const problems = useEditor((s) => s.problemsByEdge(edgeId));
  if (!edge) return null;
  const name = (id: string) => nodes.find((n) => n.id === id)?.name ?? id;
  const t = analysis.nodes.get(edge.source.node)?.outputs[edge.source.port];
  return (
    <section className="inspector__section" aria-labelledby="inspector-title">
      <h2 id="inspector-title" className="inspector__title">
        Edge
      </h2>
      <p className="inspector__lead">
        From <code>{edge.source.port}</code> of <strong>{name(edge.source.node)}</strong> to <code>{edge.target.port}</code> of <strong>{name(edge.target.node)}</strong>.
      </p>
      {t ? <div className="inspector__summary">carries {t.flow} {describeShape(t)}, {t.domain} values</div> : null}
      {problems.length ? (
        <ul className="inspector__problems" aria-label="Problems of this edge">
          {problems.map((p, i) => (
            <li key={i} className={`inspector__problem inspector__problem--${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <button type="button" className="button button--danger" onClick={() => editorStore.getState().disconnect(edgeId)}>
          Delete edge
        </button>
      </div>
    </section>
  );
}
