import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's folders ("rooms") as a newcomer finds them: each is described in
 * docs/ARCHITECTURE.md, and no two sibling names are easily mixed up (panels/train beside
 * panels/training was one such pair).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');

function folders(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(p, ...folders(p));
  }
  return out;
}

/** Levenshtein distance: how many letters tell two names apart. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

const rooms = folders('renderer').map((p) => relative('renderer', p).split('\\').join('/'));

describe('renderer rooms', () => {
  it.each(rooms)('renderer/%s is described in docs/ARCHITECTURE.md', (room) => {
    expect(doc.includes(`${room}/`), `docs/ARCHITECTURE.md names \`${room}/\``).toBe(true);
  });

  it('has no two sibling folders whose names are easily mixed up: one the start of the other, or two letters apart', () => {
    const close: string[] = [];
    for (const a of rooms) {
      for (const b of rooms) {
        const [pa, pb] = [a.split('/'), b.split('/')];
        const siblings = a < b && pa.length === pb.length && pa.slice(0, -1).join('/') === pb.slice(0, -1).join('/');
        const [na, nb] = [pa.at(-1)!, pb.at(-1)!];
        if (siblings && (na.startsWith(nb) || nb.startsWith(na) || distance(na, nb) <= 2)) close.push(`${a} ~ ${b}`);
      }
    }
    expect(close).toEqual([]);
  });
});
