import { describe, expect, it } from 'vitest';
import { pickImages } from '../../../../../renderer/charts/image-pick';
import { labelGridColumns, shownIndices, validChoice } from '../../../../../renderer/panels/dock/tabs/class-samples';

describe('the samples shown for a label', () => {
  it('every label: the first 8 draws of each, a row per label, in label order', () => {
    const shown = shownIndices({ classes: 10, perClass: 16 }, 'all');
    expect(shown).toHaveLength(80);
    // Row k holds images 16k … 16k + 7: label k's first eight draws.
    for (let k = 0; k < 10; k++) expect(shown.slice(8 * k, 8 * k + 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((j) => 16 * k + j));
    // An older run saved with fewer draws per label than a row shows them all.
    expect(shownIndices({ classes: 3, perClass: 2 }, 'all')).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('one label: all its draws, and nothing for a label the run does not have', () => {
    expect(shownIndices({ classes: 10, perClass: 16 }, 3)).toEqual(Array.from({ length: 16 }, (_, j) => 48 + j));
    expect(shownIndices({ classes: 10, perClass: 16 }, 10)).toEqual([]);
    expect(shownIndices({ classes: 10, perClass: 16 }, -1)).toEqual([]);
    expect(validChoice(7, 10)).toBe(7);
    expect(validChoice(7, 5)).toBe('all');
    expect(validChoice('all', 5)).toBe('all');
  });

  it('lays one label out in rows of 8', () => {
    expect([1, 4, 8, 9, 16, 24].map(labelGridColumns)).toEqual([1, 4, 8, 8, 8, 8]);
  });

  it('picks images by index, in the order asked, skipping indices outside the set', () => {
    // Three 1 × 2 images whose pixels name them.
    const set = { width: 2, height: 1, count: 3, pixels: Uint8Array.from([0, 0, 1, 1, 2, 2]) };
    const picked = pickImages(set, [2, 0, 5, -1, 1.5]);
    expect(picked.count).toBe(2);
    expect(Array.from(picked.pixels)).toEqual([2, 2, 0, 0]);
  });
});
