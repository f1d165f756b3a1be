import { describe, expect, it } from 'vitest';
import { affineFlowKind, analyzeGraph, flowKind, iafStepKind, madeKind } from '../../../../shared/graph/index';
import { fieldsOfSchema } from '../../../../renderer/panels/inspector/schemaFields';
import { buildNodeViews } from '../../../../renderer/canvas/buildViews';
import { loadExample } from '../../../helpers/examples';

describe('the inspector of the flow nodes', () => {
  it('reads a MADE: hidden sizes as a list, activation and order as choices', () => {
    const fields = fieldsOfSchema(madeKind.params);
    expect(fields.map((f) => [f.key, f.type, f.label])).toEqual([
      ['hidden', 'list', 'Hidden sizes'],
      ['activation', 'enum', 'Hidden activation'],
      ['order', 'enum', 'Order'],
    ]);
    const order = fields[2]!;
    expect(order.type === 'enum' ? order.options : null).toEqual(['natural', 'reverse']);
  });

  it('has nothing to set on a flow step or an IAF step, and only the role (observed: MAF; approximate posterior: IAF) on a Flow', () => {
    expect(fieldsOfSchema(affineFlowKind.params)).toEqual([]);
    expect(fieldsOfSchema(iafStepKind.params)).toEqual([]);
    const role = fieldsOfSchema(flowKind.params);
    expect(role.map((f) => (f.type === 'enum' ? [f.key, f.options] : f.key))).toEqual([['role', ['observed', 'posterior']]]);
  });
});

describe('the flow nodes on the canvas', () => {
  it('shows the MAF template: MADE summaries with their order, the step and the Flow density with typed ports', () => {
    const { graph } = loadExample('maf-two-moons');
    const a = analyzeGraph(graph);
    const views = buildNodeViews(graph, a, a.problems);
    expect(views.get('made1')!.summary).toBe('MADE 2→64→64→{m, s}');
    expect(views.get('made2')!.summary).toBe('MADE 2→64→64→{m, s}, reversed');
    expect(views.get('made2')!.outputs.map((p) => [p.name, p.inferred])).toEqual([['shift', '[2]'], ['logScale', '[2]']]);
    expect(views.get('step4')!.outputs.map((p) => [p.name, p.inferred])).toEqual([['out', '[2]']]);
    const x = views.get('x')!;
    expect([x.category, x.role, x.errors]).toEqual(['distribution', 'observed', 0]);
    expect(x.inputs.map((p) => [p.name, p.connected])).toEqual([['value', true], ['u', true]]);
  });

  it('shows the IAF template: the steps, the Flow posterior with its base and z, its q typed as a distribution', () => {
    const { graph } = loadExample('iaf-vae-mnist');
    const a = analyzeGraph(graph);
    const views = buildNodeViews(graph, a, a.problems);
    expect(views.get('made1')!.summary).toBe('MADE 20→100→100→{m, s}');
    expect(views.get('step1')!.summary).toBe('z′ = z ⊙ exp(s) + m');
    expect(views.get('step2')!.outputs.map((p) => [p.name, p.inferred])).toEqual([['out', '[20]']]);
    const q = views.get('q_z')!;
    expect([q.category, q.role, q.errors]).toEqual(['distribution', 'posterior', 0]);
    expect(q.inputs.map((p) => [p.name, p.connected])).toEqual([['base', true], ['z', true]]);
    expect(q.outputs.map((p) => [p.name, p.inferred])).toEqual([['q', '[20]']]);
  });
});
