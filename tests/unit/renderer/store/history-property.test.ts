import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATALOG, type PortSpec } from '../../../../shared/graph/index';
import type { EditorStore } from '../../../../renderer/store/index';
import { TYPING_WINDOW_MS } from '../../../../renderer/store/edit-slice';
import { fileOf, steps, storeWith } from './fixtures';

/** One user action, with targets as indices taken modulo what exists when it runs. */
type Command =
  | { t: 'add'; kind: number; x: number; y: number; role: number }
  | { t: 'select'; nodes: number[]; edges: number[]; additive: boolean }
  | { t: 'remove' }
  | { t: 'rename'; node: number; name: string }
  | { t: 'params'; node: number; patch: number }
  | { t: 'connect'; src: number; out: number; dst: number; in: number }
  | { t: 'disconnect'; edge: number }
  | { t: 'move'; node: number; x: number; y: number }
  | { t: 'drag'; moves: { node: number; x: number; y: number }[] }
  | { t: 'training'; patch: number }
  | { t: 'layout'; dx: number }
  | { t: 'meta'; title: string }
  | { t: 'copy' }
  | { t: 'paste' }
  | { t: 'duplicate' }
  | { t: 'undo' }
  | { t: 'redo' };

const ROLES = [undefined, 'latent', 'observed', 'posterior'];
const PATCHES: Record<string, unknown>[] = [
  { size: 5 }, { size: undefined }, { size: -1 }, { role: 'observed' }, { role: 'posterior' },
  { hidden: [8] }, { heads: [{ name: 'loc', size: 2 }, { name: 'scale', size: 2, activation: 'softplus' }] },
  { pixels: 'grey' }, { scaleLink: 'softplus' }, { value: 2 },
];
const TRAINING: Record<string, unknown>[] = [{ batchSize: 32 }, { seed: 9 }, { batchSize: 0 }, { duration: { epochs: 3 } }, { optimizer: { kind: 'sgd' } }];
const coord = fc.integer({ min: -500, max: 500 });
const index = fc.nat(50);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ t: fc.constant('add' as const), kind: index, x: coord, y: coord, role: fc.nat(3) }),
  fc.record({ t: fc.constant('select' as const), nodes: fc.array(index, { maxLength: 3 }), edges: fc.array(index, { maxLength: 2 }), additive: fc.boolean() }),
  fc.constant({ t: 'remove' as const }),
  fc.record({ t: fc.constant('rename' as const), node: index, name: fc.constantFrom('a', 'b', 'z', 'x', 'encoder', '', 'q_z') }),
  fc.record({ t: fc.constant('params' as const), node: index, patch: fc.nat(PATCHES.length - 1) }),
  fc.record({ t: fc.constant('connect' as const), src: index, out: index, dst: index, in: index }),
  fc.record({ t: fc.constant('disconnect' as const), edge: index }),
  fc.record({ t: fc.constant('move' as const), node: index, x: coord, y: coord }),
  fc.record({ t: fc.constant('drag' as const), moves: fc.array(fc.record({ node: index, x: coord, y: coord }), { maxLength: 5 }) }),
  fc.record({ t: fc.constant('training' as const), patch: fc.nat(TRAINING.length - 1) }),
  fc.record({ t: fc.constant('layout' as const), dx: coord }),
  fc.record({ t: fc.constant('meta' as const), title: fc.constantFrom('a', 'b') }),
  fc.constant({ t: 'copy' as const }),
  fc.constant({ t: 'paste' as const }),
  fc.constant({ t: 'duplicate' as const }),
  fc.constant({ t: 'undo' as const }),
  fc.constant({ t: 'redo' as const }),
);

const pick = <T>(items: readonly T[], i: number): T | undefined => (items.length ? items[i % items.length] : undefined);

function ports(store: EditorStore, id: string, direction: PortSpec['direction']): PortSpec[] {
  return (store.getState().analysis.nodes.get(id)?.ports ?? []).filter((p) => p.direction === direction);
}

function run(store: EditorStore, c: Command): void {
  const s = store.getState();
  const nodeId = (i: number): string => pick(s.nodes, i)?.id ?? 'none';
  switch (c.t) {
    case 'add': s.addNode(pick(CATALOG, c.kind)!.kind, { x: c.x, y: c.y }, ROLES[c.role] ? { role: ROLES[c.role] } : {}); break;
    case 'select': s.select({ nodes: c.nodes.map(nodeId), edges: c.edges.map((i) => pick(s.edges, i)?.id ?? 'none') }, c.additive); break;
    case 'remove': s.removeSelection(); break;
    case 'rename': s.renameNode(nodeId(c.node), c.name); break;
    case 'params': s.updateParams(nodeId(c.node), PATCHES[c.patch]!); break;
    case 'connect': {
      const src = nodeId(c.src);
      const dst = nodeId(c.dst);
      const out = pick(ports(store, src, 'out'), c.out);
      const inp = pick(ports(store, dst, 'in'), c.in);
      if (out && inp) s.connect({ node: src, port: out.name }, { node: dst, port: inp.name });
      break;
    }
    case 'disconnect': s.disconnect(pick(s.edges, c.edge)?.id ?? 'none'); break;
    case 'move': s.moveNodes({ [nodeId(c.node)]: { x: c.x, y: c.y } }); break;
    case 'drag':
      s.beginDrag();
      for (const m of c.moves) store.getState().moveNodes({ [nodeId(m.node)]: { x: m.x, y: m.y } });
      store.getState().endDrag();
      break;
    case 'training': s.setTraining(TRAINING[c.patch]!); break;
    case 'layout': s.autoLayout(Object.fromEntries(s.nodes.map((n, i) => [n.id, { x: c.dx + i * 10, y: i }]))); break;
    case 'meta': s.setMeta({ title: c.title }); break;
    case 'copy': s.copy(); break;
    case 'paste': s.paste(); break;
    case 'duplicate': s.duplicate(); break;
    case 'undo': s.undo(); break;
    case 'redo': s.redo(); break;
  }
}

describe('editor history (property)', () => {
  // Edits of one field within TYPING_WINDOW_MS are one step (typing); here every command comes
  // later than that, as from a person, so that each is its own step whatever the machine's speed.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('undoing every edit restores the initial document and redoing them all the final one; each edit is at most one step', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(command, { maxLength: 40 }), (fromExample, commands) => {
        const store = storeWith(fromExample ? undefined : null);
        const initial = fileOf(store);
        for (const c of commands) {
          const before = store.getState();
          const stepsBefore = steps(store);
          vi.setSystemTime(Date.now() + TYPING_WINDOW_MS + 1);
          run(store, c);
          if (c.t === 'undo' || c.t === 'redo') continue;
          const after = store.getState();
          const changed = before.nodes !== after.nodes || before.edges !== after.edges || before.meta !== after.meta || before.training !== after.training;
          expect(steps(store) - stepsBefore).toBe(changed ? 1 : 0);
        }
        const final = fileOf(store);
        const redoable = store.getState().canRedo;
        let undone = 0;
        while (store.getState().canUndo) {
          store.getState().undo();
          undone++;
        }
        expect(fileOf(store)).toEqual(initial);
        expect(store.getState().dirty).toBe(false);
        for (let i = 0; i < undone; i++) store.getState().redo();
        expect(store.getState().canRedo).toBe(redoable);
        expect(fileOf(store)).toEqual(final);
      }),
      { numRuns: 300 },
    );
  });
});
