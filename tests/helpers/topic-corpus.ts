import { createRng } from '../../electron/engine/random/prng';

/**
 * A synthetic corpus whose documents differ in what they are about: each document picks one of
 * `topics` topics uniformly, then draws each of its 15–34 tokens from that topic's 25 words (Zipf
 * weights 1/rank) with probability 0.7, else from 20 common words shared by every topic. A unigram
 * model cannot see the topic; a model with a per-document latent can. Seeded: a pure function of
 * its arguments.
 */
export function topicCorpus(documents: number, topics: number, seed: number): string {
  const rng = createRng(seed);
  const topicWords = Array.from({ length: topics }, (_, t) => Array.from({ length: 25 }, (_, i) => `t${t}w${i}`));
  const common = Array.from({ length: 20 }, (_, i) => `c${i}`);
  const zipf = (words: string[]): string => {
    const weights = words.map((_, i) => 1 / (i + 1));
    let u = rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < words.length; i++) {
      u -= weights[i]!;
      if (u < 0) return words[i]!;
    }
    return words.at(-1)!;
  };
  const lines: string[] = [];
  for (let d = 0; d < documents; d++) {
    const words = topicWords[rng.int(topics)]!;
    const n = 15 + rng.int(20);
    lines.push(Array.from({ length: n }, () => (rng.next() < 0.7 ? zipf(words) : zipf(common))).join(' '));
  }
  return `${lines.join('\n')}\n`;
}
