import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectTextContent } from '../../../../../electron/engine/data/text-inspect';
import { splitText } from '../../../../../electron/engine/data/text';
import { textInspectionSchema, type TextCheckOptions } from '../../../../../shared/protocol/text-data';

const options = (o: Partial<TextCheckOptions> = {}): TextCheckOptions => ({ vocabularySize: 5, minCount: 1, unknownToken: '<unk>', lowercase: true, heldOutFraction: 0.25, seed: 0, ...o });

describe('inspecting a text as the loader reads it', () => {
  // Eight lines, one of them blank: 7 with words; a quarter held out, rounded: 2 held out, 5 for training.
  const TEXT = ['The cat sat.', 'the dog sat', '', 'A cat, a dog.', 'the end', 'cat cat cat', 'dog', 'sat sat'].join('\n');

  it('counts the lines, the split, the vocabulary reached and the most frequent training words', () => {
    const r = inspectTextContent(TEXT, options(), 'pets.txt');
    expect(textInspectionSchema.parse(r)).toEqual(r);
    expect(r.problems).toEqual([]);
    expect([r.lines, r.trainLines, r.heldOutLines]).toEqual([7, 5, 2]);
    // The split is the loader's: its training lines, recounted here by hand.
    const { train } = splitText(TEXT, options(), 'pets.txt');
    const counts = new Map<string, number>();
    for (const w of train.flat()) counts.set(w, (counts.get(w) ?? 0) + 1);
    expect(r.trainTokens).toBe(train.flat().length);
    expect(r.distinctWords).toBe(counts.size);
    expect(r.eligibleWords).toBe(counts.size);
    const byCount = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word, count]) => ({ word, count }));
    // The vocabulary's words (5 ids: 3 words), most frequent first.
    expect(r.topWords).toEqual(byCount.slice(0, 3));
    expect([r.vocabularyAsked, r.vocabularyReached]).toEqual([5, 5]);
    // The first lines as written, blank ones skipped, at most five.
    expect(r.firstLines).toEqual(['The cat sat.', 'the dog sat', 'A cat, a dog.', 'the end', 'cat cat cat']);
  });

  it('says when the words are too few for the vocabulary asked, and how many ids they reach', () => {
    const r = inspectTextContent(TEXT, options({ vocabularySize: 200, minCount: 2 }), 'pets.txt');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.kind).toBe('vocabulary');
    expect(r.problems[0]!.message).toMatch(/^pets\.txt: the training lines have \d+ distinct words occurring at least 2 times, too few for a vocabulary of 200 ids/);
    expect(r.vocabularyReached).toBe(r.eligibleWords + 2);
    expect(r.topWords.every((w) => w.count >= 2)).toBe(true);
    expect(r.topWords).toHaveLength(Math.min(12, r.eligibleWords));
  });

  it('says an empty file and a file of one line are no data set', () => {
    const empty = inspectTextContent('\n  \n', options(), 'empty.txt');
    expect(empty.problems).toEqual([{ kind: 'empty-file', message: 'empty.txt has 0 lines with words; a text data set needs at least 2 (one sentence or document per line)' }]);
    expect([empty.lines, empty.trainLines, empty.vocabularyReached]).toEqual([0, 0, 2]);
    expect(inspectTextContent('just one line', options(), 'one.txt').problems.map((p) => p.kind)).toEqual(['too-few-lines']);
  });

  it('cuts a long line in the preview', () => {
    const r = inspectTextContent(`${'word '.repeat(100)}\nsecond line here`, options({ vocabularySize: 3 }), 'long.txt');
    expect(r.firstLines[0]).toHaveLength(201);
    expect(r.firstLines[0]!.endsWith('…')).toBe(true);
  });

  it('agrees with the loader on any text and settings: no problem exactly when it loads, else the loader\'s own message (fuzzed)', () => {
    const word = fc.constantFrom('a', 'b', 'C', 'dé', "don't", 'x-y', '.', ',', '<unk>', '  ', '\t', '猫');
    const line = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
    const text = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
    const settings = fc.record({
      vocabularySize: fc.integer({ min: 3, max: 14 }),
      minCount: fc.integer({ min: 1, max: 3 }),
      unknownToken: fc.constantFrom('<unk>', 'a'),
      lowercase: fc.boolean(),
      heldOutFraction: fc.constantFrom(0.1, 0.5, 0.9),
      seed: fc.integer({ min: 0, max: 1000 }),
      // Lines longer than maxLength cut or left out (skip changes which lines there are).
      maxLength: fc.integer({ min: 1, max: 8 }),
      longer: fc.constantFrom('cut' as const, 'skip' as const),
    });
    fc.assert(
      fc.property(text, settings, (t, o) => {
        const r = inspectTextContent(t, o, 'f.txt');
        textInspectionSchema.parse(r);
        let loaded: ReturnType<typeof splitText> | undefined;
        let error: string | undefined;
        try {
          loaded = splitText(t, o, 'f.txt');
        } catch (e) {
          error = (e as Error).message;
        }
        if (loaded) {
          expect(r.problems).toEqual([]);
          expect([r.trainLines, r.heldOutLines]).toEqual([loaded.train.length, loaded.heldOut.length]);
          expect(r.vocabularyReached).toBe(loaded.vocabulary.words.length);
          expect(r.topWords.map((w) => w.word)).toEqual(loaded.vocabulary.words.slice(2, 2 + Math.min(12, o.vocabularySize - 2)));
        } else {
          expect(r.problems[0]?.message).toBe(error);
        }
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
