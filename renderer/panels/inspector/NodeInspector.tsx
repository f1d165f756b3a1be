import { estimatorOf, getKind, type Problem } from '../../../shared/graph/index';
import { CSV_FILE_PARAMS, CsvDataFields } from './csv/CsvDataFields';
import { TextDataFields } from './text/TextDataFields';
import { NameField } from './NameField';
import { ParamField } from './ParamField';
import { PortConnections } from './PortConnections';
import { fieldsOfSchema, optionLabel, type FieldSpec } from './schemaFields';

/** The node the inspector edits (what the store holds of it). */
export interface InspectedNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Props of {@link NodeInspector}. */
export interface NodeInspectorProps {
  readonly node: InspectedNode;
  /** Problems about this node. */
  readonly problems: readonly Problem[];
  /** The summary line, as on the canvas. */
  readonly summary: string;
  /** Input ports of this node that have an edge (their constants are then unused). */
  readonly connectedInputs: ReadonlySet<string>;
  /** Renames; returns the refusal reason or null. */
  readonly onRename: (name: string) => string | null;
  /** Merges a patch into the params (undefined removes a key). */
  readonly onParams: (patch: Record<string, unknown>) => void;
}

/** The settings each estimator reads; a latent shows only those of the estimator it uses. */
const ESTIMATOR_SETTINGS: Record<string, readonly string[]> = {
  baseline: ['score-function'],
  baselineDecay: ['score-function'],
  temperature: ['relaxed', 'straight-through'],
  temperatureMin: ['relaxed', 'straight-through'],
  temperatureDecay: ['relaxed', 'straight-through'],
};

/** What each estimator setting means, said under it. */
const ESTIMATOR_NOTES: Record<string, string> = {
  baseline: 'subtracted from the learning signal to lower the variance',
  baselineDecay: 'weight of the previous running average each step',
  temperatureMin: 'τ never falls below this',
  temperatureDecay: 'τ = max(τ_min, τ·exp(−rate·step)); 0 keeps τ fixed',
};

/** Fields that apply only in some settings, and what to say about the others. */
function relevance(kind: string, field: FieldSpec, params: Readonly<Record<string, unknown>>, connected: ReadonlySet<string>): { show: boolean; note?: string } {
  const entry = getKind(kind);
  if (entry?.category === 'distribution') {
    const role = (params.role as string | undefined) ?? 'latent';
    if (field.key === 'estimator') return { show: role === 'latent' };
    // A relaxed family's temperature is a parameter of the distribution itself, whatever the role.
    if (entry.family?.constants && field.key in entry.family.constants(params as never)) {
      return { show: true, note: 'τ of this distribution, fixed: lower is closer to discrete' };
    }
    const users = ESTIMATOR_SETTINGS[field.key];
    if (users) {
      const estimator = entry.family ? estimatorOf(entry.family, params as { estimator?: never }) : undefined;
      const show = role === 'latent' && estimator !== undefined && users.includes(estimator);
      const movingAverage = params.baseline === undefined || params.baseline === 'moving-average' || params.baseline === 'standardised';
      if (field.key === 'baselineDecay' && !movingAverage) return { show: false };
      const note = ESTIMATOR_NOTES[field.key];
      return note ? { show, note } : { show };
    }
    if (field.key === 'transform') {
      // ADVI's transforms map ℝ onto a positive or unit support: other priors take none.
      const support = entry.family?.support;
      return { show: role === 'latent' && (support === 'positive' || support === 'unit'), note: 'ADVI: the latent is exp(ζ) or softplus(ζ) (positive) or sigmoid(ζ) (in (0, 1)) of an unconstrained ζ, with q over ζ (a Normal or Laplace)' };
    }
    if (field.key === 'plate') return { show: role === 'latent', note: 'global: one value for the whole data set, its KL shared by the N examples (1/N each)' };
    if (field.key === 'groups') return { show: role !== 'observed', note: 'independent groups of size ÷ groups classes each' };
    if (field.key === 'observedWhereKnown') return { show: role === 'latent', note: 'semi-supervised: observed where the label in its known port is ≥ 0, summed over with q elsewhere (enumeration)' };
    if (field.key === 'classificationWeight') return { show: role === 'latent' && params.observedWhereKnown === true, note: 'α: weight of log q(y | x) on each labelled row' };
    if (field.key === 'size') return { show: true, note: 'empty: read from what is connected' };
    if (connected.has(field.key)) return { show: true, note: `unused while '${field.key}' is connected` };
    if (field.key === 'scaleLink') return { show: true, note: 'how an incoming scale is made positive' };
    if (field.key === 'positiveLink') return { show: true, note: 'how incoming positive parameters are made positive' };
  }
  if (kind === 'data.mnist' && field.key === 'limit') return { show: true, note: 'empty: all 60,000' };
  if (kind === 'data.mnist' && field.key === 'labelled') return { show: true, note: 'empty: every label kept; else this many, spread over the digits, the others −1' };
  if (kind === 'data.mnist' && (field.key === 'labelSeed' || field.key === 'unlabelled')) return { show: params.labelled !== undefined };
  if (kind === 'data.mnist' && field.key === 'labelledPerBatch') return { show: params.labelled !== undefined && params.unlabelled !== 'drop', note: 'empty: as they fall in the shuffle' };
  return { show: true };
}

/**
 * A validator message said at the field: "MLP enc: heads: head names must be different" becomes
 * "head names must be different", and zod's "expected string, received undefined" becomes "required".
 */
/** The problems whose param path falls inside a field, as one sentence. */
function fieldProblem(problems: readonly Problem[], key: string): string | null {
  const mine = problems.filter((p) => p.param !== undefined && (p.param === key || p.param.startsWith(`${key}.`)));
  if (mine.length === 0) return null;
  return mine.map((p) => p.fieldMessage ?? p.message).join('; ');
}

/**
 * The inspector of one node: name, kind, summary, problems, and every parameter rendered from the
 * kind's schema (numbers with limits, enums as selects, lists, tables, optional values that clear).
 */
export function NodeInspector({ node, problems, summary, connectedInputs, onRename, onParams }: NodeInspectorProps) {
  const kind = getKind(node.kind);
  const idPrefix = `param-${node.id}`;
  const fields = kind ? fieldsOfSchema(kind.params) : [];
  const other = problems.filter((p) => p.param === undefined || !fields.some((f) => p.param === f.key || p.param!.startsWith(`${f.key}.`)));
  const renderField = (f: FieldSpec) => {
    const r = relevance(node.kind, f, node.params, connectedInputs);
    if (!r.show) return null;
    return (
      <ParamField
        key={`${node.id}-${f.key}`}
        idPrefix={idPrefix}
        spec={f}
        value={node.params[f.key]}
        externalError={fieldProblem(problems, f.key)}
        partError={(path) => fieldProblem(problems, `${f.key}.${path}`)}
        // Out-of-range numbers go into the document, where the analysis lists them until fixed.
        commitOutOfRange
        note={r.note ?? null}
        {...(f.key === 'estimator' ? { unsetLabel: `Default (${kind?.family ? optionLabel(kind.family.defaultEstimator).toLowerCase() : 'per family'})` } : {})}
        {...(f.key === 'size' && kind?.category === 'distribution' ? { placeholder: 'from connections' } : {})}
        {...(f.key === 'limit' ? { placeholder: 'all' } : {})}
        onChange={(key, value) => onParams({ [key]: value })}
      />
    );
  };
  return (
    <section className="inspector__section" aria-labelledby="inspector-title">
      <div className="inspector__header">
        <span className={`swatch swatch--${kind?.category ?? 'unknown'}`} aria-hidden="true" />
        <h2 id="inspector-title" className="inspector__title" title={node.name}>
          {node.name}
        </h2>
        <span className={`inspector__kind inspector__kind--${kind?.category ?? 'unknown'}`}>{kind?.displayName ?? node.kind}</span>
      </div>
      {kind ? <p className="inspector__lead">{kind.description}</p> : <p className="inspector__lead">This version of Latent Studio does not know the kind “{node.kind}”.</p>}
      <div className="inspector__summary" aria-label="Summary">
        {summary}
      </div>
      <NameField id={`name-${node.id}`} name={node.name} onRename={onRename} />
      {other.length ? (
        <ul className="inspector__problems" aria-label="Problems of this node">
          {other.map((p, i) => (
            <li key={i} className={`inspector__problem inspector__problem--${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <PortConnections nodeId={node.id} nodeName={node.name} />
      {fields.length ? <h3 className="inspector__subtitle">Settings</h3> : null}
      {fields.map((f) => {
        if (node.kind === 'data.csv' && CSV_FILE_PARAMS.has(f.key)) {
          // The file, its columns and the label column are edited together, informed by the file.
          return f.key === 'path' ? (
            <CsvDataFields
              key={`${node.id}-csv`}
              nodeId={node.id}
              params={node.params}
              errorOf={(key) => fieldProblem(problems, key)}
              fallback={(key) => {
                const spec = fields.find((g) => g.key === key);
                return spec ? renderField(spec) : null;
              }}
              onParams={onParams}
            />
          ) : null;
        }
        if (node.kind === 'data.text' && f.key === 'path') {
          // The file with its picker and what the loader makes of it.
          return <TextDataFields key={`${node.id}-text`} nodeId={node.id} params={node.params} error={fieldProblem(problems, 'path')} onParams={onParams} />;
        }
        return renderField(f);
      })}
    </section>
  );
}
