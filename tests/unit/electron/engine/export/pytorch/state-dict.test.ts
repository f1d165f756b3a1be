import { describe, expect, it } from 'vitest';
import { fromStateDict, toStateDict } from '../../../../../../electron/engine/export/pytorch/state-dict';
import type { ParameterMap } from '../../../../../../electron/engine/export/pytorch/model-py';

const map: ParameterMap = {
  networks: [{ app: 'enc', attr: 'enc', hidden: 1, heads: [{ name: 'loc', size: 2 }, { name: 'scale', size: 1 }] }],
  learnables: [{ app: 'rate', attr: 'rate', size: 2 }],
  buffers: [{ attr: 'z_loc', size: 3, value: 0.5 }],
};
// enc: 2 inputs → 2 hidden units → heads loc (2) and scale (1), side by side in one [2, 3] kernel.
const app = [
  { name: 'enc/dense_0/kernel', shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) },
  { name: 'enc/dense_0/bias', shape: [2], values: new Float32Array([5, 6]) },
  { name: 'enc/heads/kernel', shape: [2, 3], values: new Float32Array([11, 12, 13, 21, 22, 23]) },
  { name: 'enc/heads/bias', shape: [3], values: new Float32Array([31, 32, 33]) },
  { name: 'rate/value', shape: [1, 2], values: new Float32Array([7, 8]) },
];

describe('the app\'s variables as a PyTorch state dict', () => {
  it('transposes kernels into nn.Linear weights and splits the fused heads into one layer each', () => {
    const sd = toStateDict(map, app, { withBuffers: true });
    expect(sd['enc.hidden.0.weight']).toMatchObject({ shape: [2, 2] });
    expect([...(sd['enc.hidden.0.weight']!.data as Float32Array)]).toEqual([1, 3, 2, 4]);
    expect([...(sd['enc.heads.loc.weight']!.data as Float32Array)]).toEqual([11, 21, 12, 22]);
    expect(sd['enc.heads.scale.weight']).toMatchObject({ shape: [1, 2] });
    expect([...(sd['enc.heads.scale.weight']!.data as Float32Array)]).toEqual([13, 23]);
    expect([...(sd['enc.heads.scale.bias']!.data as Float32Array)]).toEqual([33]);
    expect([...(sd.rate!.data as Float32Array)]).toEqual([7, 8]);
    expect([...(sd.z_loc!.data as Float32Array)]).toEqual([0.5, 0.5, 0.5]);
    expect(Object.keys(toStateDict(map, app, { slot: 'exp_avg' }))).toContain('enc.heads.loc.weight.exp_avg');
  });

  it('reads the same variables back, and names a tensor that is missing or misshapen', () => {
    const sd = toStateDict(map, app);
    const tensors = Object.fromEntries(Object.entries(sd).map(([k, a]) => [k, { shape: a.shape, values: a.data as Float32Array }]));
    const back = fromStateDict(map, tensors, app);
    expect(back.map((v) => [v.name, [...v.values]])).toEqual(app.map((v) => [v.name, [...v.values]]));
    const { ['enc.heads.scale.bias']: _gone, ...missing } = tensors;
    expect(() => fromStateDict(map, missing, app)).toThrow(/no tensor enc\.heads\.scale\.bias/);
    expect(() => fromStateDict(map, { ...tensors, rate: { shape: [3], values: [1, 2, 3] } }, app)).toThrow(/rate is \[3\], the model's \[2\]/);
  });
});
