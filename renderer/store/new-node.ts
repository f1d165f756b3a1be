import type { NodeKind } from '../../shared/graph/index';
import { baseName, uniqueName } from './names';
import type { EditorNode, XY } from './types';

/**
 * The params a new node starts with: the kind's defaults, written out so the inspector shows them
 * and the file says what was trained. A kind whose params have required fields (a CSV file's path)
 * still gets the defaults of its other fields; the missing ones show up as problems.
 */
export function defaultParams(kind: NodeKind<any>): Record<string, unknown> {
  const whole = kind.params.safeParse({});
  if (whole.success) return { ...(whole.data as Record<string, unknown>) };
  const shape = (kind.params as unknown as { shape?: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> }).shape;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape ?? {})) {
    const r = field.safeParse(undefined);
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out;
}

/** A node of `kind` with a fresh id and a readable name unique among `taken`. */
export function newNode(kind: NodeKind<any>, position: XY, params: Readonly<Record<string, unknown>>, taken: { readonly ids: ReadonlySet<string>; readonly names: ReadonlySet<string> }): EditorNode {
  const all = { ...defaultParams(kind), ...params };
  const name = uniqueName(baseName(kind.kind, all, taken.names), taken.names);
  // The id starts as the name so files stay readable; it never changes afterwards, even on rename.
  const id = uniqueName(name, taken.ids);
  return { id, kind: kind.kind, name, params: all, position: { x: position.x, y: position.y } };
}
