/** The figures the benchmarks print from their samples. */

/** The value below which a fraction `p` (0–1) of `xs` lies: the sample at that rank, no interpolation. */
export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

export const median = (xs: number[]) => percentile(xs, 0.5);

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
