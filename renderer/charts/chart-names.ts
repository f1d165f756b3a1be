/** File names of exported charts (written as `charts/<name>.png`, name matching the protocol's pattern). */

/**
 * A chart's name as an export file stem: lower case, runs of anything but letters and digits
 * become one "-", no leading or trailing "-", at most 64 characters; "chart" if nothing is left.
 */
export function chartFileStem(raw: string): string {
  const stem = raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return stem === '' ? 'chart' : stem;
}

/**
 * Stems for charts named `names`, in order, made unique by numbering repeats: `elbo`, `elbo-2`, ….
 */
export function uniqueChartStems(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const stem = chartFileStem(name);
    let candidate = stem;
    for (let n = 2; taken.has(candidate); n++) {
      const suffix = `-${n}`;
      candidate = `${stem.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    taken.add(candidate);
    return candidate;
  });
}
