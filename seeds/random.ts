// Deterministic pseudo-randomness for the demo dataset: the same inputs always give the same data.

/** FNV-1a hash of the parts, mapped to [0, 1). */
export function unitHash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // one extra avalanche round so near-identical keys spread out
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

/** Approximately normal(0,1) from three uniform hashes. */
export function normalHash(...parts: (string | number)[]): number {
  return (unitHash(...parts, "a") + unitHash(...parts, "b") + unitHash(...parts, "c") - 1.5) * 2;
}

/**
 * Splits an integer total across weights so the parts are integers that add up exactly to the
 * total (largest-remainder method), which keeps the demo national totals equal to the calibration.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let remaining = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (remaining <= 0) break;
    parts[i]!++;
    remaining--;
  }
  return parts;
}
