/**
 * A counter-based random generator: the draw is a pure function of (seed, counter, stream), so
 * scenario k's draws never depend on which batch or worker ran it, or on what ran before.
 *
 * Method: the inputs are folded through a 32-bit integer finaliser ("lowbias32": xor-shift,
 * multiply, xor-shift, multiply, xor-shift; constants from Chris Wellons' hash-prospector, bias
 * 0.17) once per 32-bit word, and two such hashes (streams 2j and 2j + 1) give the 53 bits of a
 * double. This is the idea of counter-based generators (Salmon et al. 2011, "Parallel random
 * numbers: as easy as 1, 2, 3") with a simpler mixer; it is for simulation, not cryptography.
 *
 * Example: `uniformAt(42, 0, 0)` is the same number in every process, thread and run.
 */

/** lowbias32: a full-avalanche 32-bit integer hash. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_32 = 4294967296;

function hash4(seed: number, counter: number, stream: number): number {
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / TWO_32) >>> 0;
  const ctrLo = counter >>> 0;
  const ctrHi = Math.floor(counter / TWO_32) >>> 0;
  let h = mix32((stream ^ 0x9e3779b9) >>> 0);
  h = mix32((h ^ ctrHi) >>> 0);
  h = mix32((h ^ ctrLo) >>> 0);
  h = mix32((h ^ seedHi) >>> 0);
  h = mix32((h ^ seedLo) >>> 0);
  return h;
}

/**
 * A uniform double in the open interval (0, 1) for (seed, counter, stream); seed and counter are
 * non-negative safe integers, stream a non-negative 31-bit integer.
 */
export function uniformAt(seed: number, counter: number, stream: number): number {
  const a = hash4(seed, counter, 2 * stream) >>> 5; // 27 bits
  const b = hash4(seed, counter, 2 * stream + 1) >>> 6; // 26 bits
  return (a * 67108864 + b + 0.5) / 9007199254740992;
}
