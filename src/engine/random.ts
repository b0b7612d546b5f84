import seedrandom from 'seedrandom';

/** 2^-32: alea's carry scale, and the resolution of its output. */
export const ALEA_2_POW_MINUS_32 = 2.3283064365386963e-10;
/** Alea's multiplier (Baagøe 2010, the generator behind seedrandom.alea). */
export const ALEA_MULTIPLIER = 2091639;

/**
 * Johannes Baagøe's alea generator (2010; seedrandom's `alea`, github.com/davidbau/seedrandom) with its
 * state in plain public fields, so a hot loop can copy s0, s1, s2 and c into local variables, run
 * the step inline, and write them back:
 *
 *   t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32; s0 = s1; s1 = s2; u = s2 = t - (c = t | 0);
 *
 * Whoever holds the state in locals owns the stream until it writes them back: no other draw from
 * the same generator (or the Rng built on it) may happen in between. Every output is a multiple of
 * 2^-32 in [0, 1), so `u * 2^32` is an exact 32-bit unsigned integer.
 *
 * Seeding stays seedrandom's (its Mash hash): `Alea.fromSeed` takes the state seedrandom computes,
 * so the numbers are exactly those of `seedrandom.alea(seed)`.
 */
export class Alea {
  // Declared, not initialised: a field that starts as `undefined` gets V8's tagged representation,
  // and then every write of a fraction allocates a heap number (22 ns a step instead of a few).
  declare s0: number;
  declare s1: number;
  declare s2: number;
  declare c: number;

  constructor(s0: number, s1: number, s2: number, c: number) {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.c = c;
  }

  static fromSeed(seed: string): Alea {
    const { s0, s1, s2, c } = seedrandom.alea(seed, { state: true }).state();
    return new Alea(s0, s1, s2, c);
  }

  /** Uniform on [0, 1), a multiple of 2^-32. */
  next(): number {
    const t = ALEA_MULTIPLIER * this.s0 + this.c * ALEA_2_POW_MINUS_32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}

/**
 * A seeded uniform generator with the variates the models need. Backed by alea (faster than
 * seedrandom's default ARC4, with a period of about 2^116) when built by RandomStreams, or by
 * any uniform function on [0, 1).
 */
export class Rng {
  private spareNormal: number | undefined;
  private readonly prng: () => number;
  private readonly aleaState: Alea | undefined;

  /** `prng` is a uniform function on [0, 1); an `Alea` is used directly and its state exposed (see `alea`). */
  constructor(prng: (() => number) | Alea) {
    if (prng instanceof Alea) {
      this.aleaState = prng;
      this.prng = () => prng.next();
    } else {
      this.aleaState = undefined;
      this.prng = prng;
    }
  }

  /**
   * The alea generator behind this stream, for hot loops that run its step inline on local copies
   * of its state (see Alea). While a loop holds the state in locals it owns the stream: it writes the
   * state back before anything else draws from this Rng. Throws for an Rng built on a plain function.
   */
  get alea(): Alea {
    if (!this.aleaState) throw new Error('this Rng is not backed by alea');
    return this.aleaState;
  }

  /** The underlying uniform generator on [0, 1) (the same numbers as `next`), for hot loops that call it directly. */
  get uniformSource(): () => number {
    return this.prng;
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    return 1 - this.prng();
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.prng();
  }

  /** An integer uniform on [0, n). */
  int(n: number): number {
    return Math.floor(this.prng() * n);
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }

  /** Standard normal by the polar Box-Muller method; the second value of each pair is kept for the next call. */
  standardNormal(): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.prng() - 1;
      v = 2 * this.prng() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  normal(mean: number, stdDev: number): number {
    return mean + stdDev * this.standardNormal();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.prng() < p;
  }
}

/**
 * Independent random streams named after the component that draws from them, derived from the
 * scenario seed. A stream's numbers depend only on (seed, name), so adding a component never shifts
 * the numbers of another (the pitfall the ns-3 manual's "Random Variables" chapter warns of).
 */
export class RandomStreams {
  constructor(readonly seed: number | string) {}

  stream(name: string): Rng {
    return new Rng(Alea.fromSeed(`${this.seed}|${name}`));
  }
}
