import { useMemo } from 'react';
import { z } from 'zod';
import { objectiveSchema, optimizerSchema, type ObjectiveSettings, type OptimizerSettings, type TrainingSettings } from '../../../shared/graph/index';
import { FieldRow } from '../inspector/FieldRow';
import { ParamField } from '../inspector/ParamField';
import { SelectInput } from '../inspector/SelectInput';
import { NumberInput } from '../inspector/NumberInput';
import { checkScalar, fieldsOfJsonSchema, limitsHint, type FieldSpec, type ScalarSpec } from '../inspector/schemaFields';
import type { TrainingDraft } from '../../store/training-drafts-slice';
import type { BackendChoice } from '../../../shared/protocol/runs';
import { BACKEND_LABELS } from '../train-controls/backend-preference';
import { useBackend } from '../train-controls/useBackend';

const BACKENDS = Object.keys(BACKEND_LABELS);

/** Props of {@link TrainingSettings}. */
export interface TrainingSettingsProps {
  readonly training: TrainingSettings;
  readonly onChange: (training: TrainingSettings) => void;
  /** Settings typed out of range, by path: shown in their fields instead of the value in use. */
  readonly drafts: Readonly<Record<string, TrainingDraft>>;
  /** Records a setting typed out of range, or forgets it (undefined) once a valid value is applied. */
  readonly onDraft: (path: string, draft: TrainingDraft | undefined) => void;
}

const OPTIMIZER_LABELS: Record<string, string> = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' };
const OPTIMIZER_FIELDS: Record<string, string> = {
  learningRate: 'Learning rate',
  beta1: 'β₁ (first moment decay)',
  beta2: 'β₂ (second moment decay)',
  epsilon: 'ε',
  momentum: 'Momentum',
  decay: 'Decay',
};
const OBJECTIVE_LABELS: Record<string, string> = { elbo: 'ELBO', iwae: 'Importance-weighted bound (IWAE)' };
const OBJECTIVE_FIELDS: Record<string, string> = {
  samples: 'Samples per example',
  beta: 'β (weight of the KL)',
  warmupSteps: 'KL warm-up (steps, β from 0)',
  freeBits: 'Free bits (nats, 0 = off)',
  freeBitsPer: 'Free bits per',
};

type Variants<T> = Map<string, { fields: FieldSpec[]; defaults: T }>;

/** Each variant's fields of a discriminated union on `kind`, read from its zod schema (defaults and limits included). */
function variantsOf<T>(schema: z.ZodType<T>, labels: Record<string, string>): Variants<T> {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { oneOf?: Record<string, any>[]; anyOf?: Record<string, any>[] };
  const variants: Variants<T> = new Map();
  for (const v of json.oneOf ?? json.anyOf ?? []) {
    const kind = String(v.properties.kind.const);
    const fields = fieldsOfJsonSchema(v)
      .filter((f) => f.key !== 'kind')
      .map((f) => ({ ...f, label: labels[f.key] ?? f.label }));
    variants.set(kind, { fields, defaults: schema.parse({ kind }) });
  }
  return variants;
}

/** The scalar training settings, with the labels people know them by. */
const TRAINING_FIELDS = fieldsOfJsonSchema(
  z.toJSONSchema(
    z.object({
      batchSize: z.number().int().min(1).max(65_536).describe('Batch size'),
      seed: z.number().int().min(0).max(2 ** 31 - 1).describe('Seed'),
      evalEvery: z.number().int().min(1).describe('Evaluate every (steps)'),
    }),
  ) as Record<string, any>,
);

const STEP_SPEC = { type: 'number', integer: true, min: 1, max: 10_000_000 } as const;
const EPOCH_SPEC = { type: 'number', integer: true, min: 1, max: 100_000 } as const;

/**
 * The inspector when nothing is selected: how the model trains. Optimiser and its settings, batch
 * size, how long (steps or epochs), seed, evaluation interval, and the objective (ELBO with samples
 * per example, β, warm-up and free bits, or the importance-weighted bound).
 */
export function TrainingSettings({ training, onChange, drafts, onDraft }: TrainingSettingsProps) {
  const variants = useMemo(() => variantsOf(optimizerSchema, OPTIMIZER_FIELDS), []);
  const objectives = useMemo(() => variantsOf(objectiveSchema, OBJECTIVE_FIELDS), []);
  const [backend, setBackend] = useBackend();
  const opt = variants.get(training.optimizer.kind);
  const objective = objectives.get(training.objective.kind);
  const set = (patch: Partial<TrainingSettings>) => onChange({ ...training, ...patch });
  /**
   * Applies a value typed into a setting's field, or, when it is out of range, keeps it as a draft
   * (listed as a problem, Train blocked) and leaves the setting as it was: an out-of-range value
   * in the document would make the saved file fail to open.
   */
  const typed = (path: string, label: string, spec: ScalarSpec, value: unknown, apply: () => void) => {
    if (value === undefined) return;
    const why = checkScalar(spec, value);
    if (why !== null && typeof value === 'number') return onDraft(path, { value, label, message: why });
    onDraft(path, undefined);
    apply();
  };
  /** Drops the drafts under `prefix` (their fields are gone: another optimiser, objective or unit). */
  const forget = (prefix: string) => {
    for (const path of Object.keys(drafts)) if (path === prefix || path.startsWith(`${prefix}.`)) onDraft(path, undefined);
  };
  const draftOf = (path: string) => drafts[path];
  const setObjective = (f: FieldSpec, value: unknown) =>
    typed(`objective.${f.key}`, f.label, f as ScalarSpec, value, () => set({ objective: { ...training.objective, [f.key]: value } as ObjectiveSettings }));
  const setOpt = (f: FieldSpec, value: unknown) =>
    typed(`optimizer.${f.key}`, f.label, f as ScalarSpec, value, () => set({ optimizer: { ...training.optimizer, [f.key]: value } as OptimizerSettings }));
  /** A scalar setting's field: the draft if one was typed, else the value in use. */
  const settingField = (path: string, f: FieldSpec, value: unknown, idPrefix: string, onValue: (v: unknown) => void, key?: string) => {
    const draft = draftOf(path);
    return (
      <ParamField
        key={key ?? path}
        idPrefix={idPrefix}
        spec={f}
        value={draft ? draft.value : value}
        externalError={draft ? draft.message : null}
        commitOutOfRange
        onChange={(_, v) => onValue(v)}
      />
    );
  };
  const bySteps = 'steps' in training.duration;
  const count = 'steps' in training.duration ? training.duration.steps : training.duration.epochs;
  const field = (key: string) => TRAINING_FIELDS.find((f) => f.key === key)!;
  return (
    <section className="inspector__section" aria-labelledby="training-title">
      <h2 id="training-title" className="inspector__title">
        Training
      </h2>
      <p className="inspector__lead">How the model is optimised. Select a node to edit it.</p>
      <FieldRow htmlFor="training-optimizer" label="Optimizer">
        <SelectInput
          id="training-optimizer"
          options={[...variants.keys()]}
          value={training.optimizer.kind}
          labelOf={(k) => OPTIMIZER_LABELS[k] ?? k}
          onCommit={(k) => {
            const v = k ? variants.get(k) : undefined;
            if (!v) return;
            // Keep the learning rate across optimisers: it is the setting people tune.
            forget('optimizer');
            set({ optimizer: { ...v.defaults, learningRate: training.optimizer.learningRate } as OptimizerSettings });
          }}
        />
      </FieldRow>
      {opt?.fields.map((f) => settingField(`optimizer.${f.key}`, f, (training.optimizer as Record<string, unknown>)[f.key], 'training-opt', (v) => setOpt(f, v), `${training.optimizer.kind}-${f.key}`))}
      {settingField('batchSize', field('batchSize'), training.batchSize, 'training', (v) => typed('batchSize', 'Batch size', field('batchSize') as ScalarSpec, v, () => set({ batchSize: v as number })))}
      <fieldset className="field field--inline">
        <legend className="field__label">Duration</legend>
        <div className="segmented" role="radiogroup" aria-label="Train for">
          <label className={`segmented__option${bySteps ? ' segmented__option--on' : ''}`}>
            <input type="radio" name="training-duration" checked={bySteps} onChange={() => (forget('duration'), set({ duration: { steps: 2000 } }))} />
            Steps
          </label>
          <label className={`segmented__option${!bySteps ? ' segmented__option--on' : ''}`}>
            <input type="radio" name="training-duration" checked={!bySteps} onChange={() => (forget('duration'), set({ duration: { epochs: 10 } }))} />
            Epochs
          </label>
        </div>
        <div className="field__control">
          <NumberInput
            key={bySteps ? 'steps' : 'epochs'}
            ariaLabel={bySteps ? 'Number of steps' : 'Number of epochs'}
            spec={bySteps ? STEP_SPEC : EPOCH_SPEC}
            value={draftOf('duration')?.value ?? count}
            externalError={draftOf('duration')?.message ?? null}
            commitOutOfRange
            onCommit={(v) => typed('duration', bySteps ? 'Steps' : 'Epochs', bySteps ? STEP_SPEC : EPOCH_SPEC, v, () => v !== undefined && set({ duration: bySteps ? { steps: v } : { epochs: v } }))}
          />
        </div>
        {draftOf('duration') ? (
          <div className="field__error" role="alert">
            {draftOf('duration')!.message}
          </div>
        ) : (
          <div className="field__hint">{limitsHint(bySteps ? STEP_SPEC : EPOCH_SPEC)}</div>
        )}
      </fieldset>
      {settingField('seed', field('seed'), training.seed, 'training', (v) => typed('seed', 'Seed', field('seed') as ScalarSpec, v, () => set({ seed: v as number })))}
      {settingField('evalEvery', field('evalEvery'), training.evalEvery, 'training', (v) => typed('evalEvery', 'Evaluate every', field('evalEvery') as ScalarSpec, v, () => set({ evalEvery: v as number })))}
      <FieldRow htmlFor="training-objective" label="Objective">
        <SelectInput
          id="training-objective"
          options={[...objectives.keys()]}
          value={training.objective.kind}
          labelOf={(k) => OBJECTIVE_LABELS[k] ?? k}
          onCommit={(k) => {
            const v = k ? objectives.get(k) : undefined;
            if (!v) return;
            // Keep the number of samples where the new objective allows it (the IWAE bound needs 2 or more).
            forget('objective');
            const samples = Math.max(training.objective.samples, (v.defaults as ObjectiveSettings).kind === 'iwae' ? 2 : 1);
            set({ objective: { ...v.defaults, samples } as ObjectiveSettings });
          }}
        />
      </FieldRow>
      {objective?.fields.map((f) => settingField(`objective.${f.key}`, f, (training.objective as Record<string, unknown>)[f.key], 'training-objective', (v) => setObjective(f, v), `${training.objective.kind}-${f.key}`))}
      <FieldRow htmlFor="training-backend" label="Backend">
        <SelectInput id="training-backend" options={BACKENDS} value={backend} labelOf={(k) => BACKEND_LABELS[k as BackendChoice] ?? k} onCommit={(k) => k && setBackend(k as BackendChoice)} />
      </FieldRow>
      <p className="field__hint">Where this computer trains; remembered here, not saved in the graph.</p>
    </section>
  );
}
