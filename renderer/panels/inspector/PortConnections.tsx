import { useDeferredValue, useMemo, useState } from 'react';
import type { PortSpec } from '../../../shared/graph/index';
import { compatibleSources, portLabel, type PortChoice } from '../../canvas/port-choices';
import { editorStore, useEditor } from '../../store/use-editor';

/** Props of {@link PortConnections}. */
export interface PortConnectionsProps {
  readonly nodeId: string;
  readonly nodeName: string;
}

/** The option value of a choice (node ids and port names never hold a NUL). */
const valueOf = (c: PortChoice) => `${c.node}\u0000${c.port}`;

/**
 * The node's inputs, each with what feeds it (and Disconnect), and a "connect from…" choice of
 * every output that the drag rule (canConnect, through compatibleSources) would accept: wiring
 * without a pointer. The choice is confirmed with a button, since a closed select changes value on
 * the arrow keys, and connecting on every arrow press would add an edge per keystroke.
 */
export function PortConnections({ nodeId, nodeName }: PortConnectionsProps) {
  // Each choice runs the validator on the graph plus the candidate edge: deferred, so typing in a
  // setting of this node stays immediate and the list catches up just after.
  const graph = useDeferredValue(useEditor((s) => s.graph));
  const analysis = useDeferredValue(useEditor((s) => s.analysis));
  const inputs = useMemo(() => (analysis.nodes.get(nodeId)?.ports ?? []).filter((p) => p.direction === 'in'), [analysis, nodeId]);
  const choices = useMemo(() => {
    const check = editorStore.getState().checkConnection;
    return new Map(inputs.map((p) => [p.name, compatibleSources(graph, analysis, { node: nodeId, port: p.name }, check)]));
  }, [graph, analysis, inputs, nodeId]);
  if (!analysis.nodes.has(nodeId)) return null;
  if (inputs.length === 0) return null;
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return (
    <>
      <h3 className="inspector__subtitle">Inputs</h3>
      <ul className="port-links" aria-label={`Inputs of ${nodeName}`}>
        {inputs.map((p) => (
          <PortLink
            key={p.name}
            nodeId={nodeId}
            nodeName={nodeName}
            port={p}
            sources={graph.edges.filter((e) => e.target.node === nodeId && e.target.port === p.name).map((e) => ({ edgeId: e.id, label: portLabel(names.get(e.source.node) ?? e.source.node, e.source.port) }))}
            choices={choices.get(p.name) ?? []}
          />
        ))}
      </ul>
    </>
  );
}

interface PortLinkProps {
  readonly nodeId: string;
  readonly nodeName: string;
  readonly port: PortSpec;
  readonly sources: readonly { readonly edgeId: string; readonly label: string }[];
  readonly choices: readonly PortChoice[];
}

/** One input: its sources with Disconnect, and "connect from…" with Connect. */
function PortLink({ nodeId, nodeName, port, sources, choices }: PortLinkProps) {
  const [picked, setPicked] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const choice = choices.find((c) => valueOf(c) === picked);
  const selectId = `connect-${nodeId}-${port.name}`;
  const full = !port.multiple && sources.length > 0;
  const connect = () => {
    if (!choice) return;
    const r = editorStore.getState().connect({ node: choice.node, port: choice.port }, { node: nodeId, port: port.name });
    setRefusal(r.ok ? null : r.reason);
    if (r.ok) setPicked('');
  };
  return (
    <li className="port-link">
      <div className="port-link__head">
        <code className="port-link__name">{port.name}</code>
        {port.required ? <span className="port-link__tag">required</span> : null}
        {port.multiple ? <span className="port-link__tag">several</span> : null}
      </div>
      {sources.length === 0 ? <p className="port-link__none">not connected</p> : null}
      {sources.map((s) => (
        <div key={s.edgeId} className="port-link__source">
          <span>from {s.label}</span>
          <button
            type="button"
            className="button button--small"
            aria-label={`Disconnect ${s.label} from ${portLabel(nodeName, port.name)}`}
            onClick={() => editorStore.getState().disconnect(s.edgeId)}
          >
            Disconnect
          </button>
        </div>
      ))}
      {full ? null : choices.length === 0 ? (
        <p className="port-link__none">no output in the graph fits here</p>
      ) : (
        <div className="port-link__connect">
          <select
            id={selectId}
            className="input input--select"
            aria-label={`Connect ${portLabel(nodeName, port.name)} from`}
            value={picked}
            onChange={(e) => setPicked(e.target.value)}
          >
            <option value="">connect from…</option>
            {choices.map((c) => (
              <option key={valueOf(c)} value={valueOf(c)}>
                {c.label}
              </option>
            ))}
          </select>
          {/* aria-disabled, not disabled: a disabled button drops the focus to the page just after
              a connection, and the user would have to find their place again. */}
          <button type="button" className="button button--small" aria-disabled={!choice} onClick={connect}>
            Connect
          </button>
        </div>
      )}
      {refusal ? (
        <p className="field__error" role="alert">
          {refusal}
        </p>
      ) : null}
    </li>
  );
}
