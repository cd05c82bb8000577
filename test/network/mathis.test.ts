import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mathisBoundBytesPerSec } from "../../src/network/index.js";

// Mathis et al. (1997): rate <= (MSS / RTT) x C / sqrt(p), C = 1.22 (model.md section 4).
describe("mathisBoundBytesPerSec", () => {
  test("mathisBoundBytesPerSec(1448, 10 ms, 1e-4) returns 1448 / 0.01 x 1.22 / 0.01 = 17.6656 MB/s", () => {
    expect(mathisBoundBytesPerSec(1448, 0.01, 1e-4)).toBeCloseTo(17_665_600, 0);
  });

  test("mathisBoundBytesPerSec(mss, rtt, 0) returns null: no loss, no bound", () => {
    expect(mathisBoundBytesPerSec(1448, 0.01, 0)).toBeNull();
  });

  test("mathisBoundBytesPerSec matches its formula for any MSS, RTT and loss (1e-12 relative)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 524, max: 9164 }),
        fc.double({ min: 1e-5, max: 1, noNaN: true }),
        fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
        (mss, rtt, p) => {
          const got = mathisBoundBytesPerSec(mss, rtt, p);
          const want = ((mss / rtt) * 1.22) / Math.sqrt(p);
          expect(got).not.toBeNull();
          expect(Math.abs((got ?? 0) - want) / want).toBeLessThan(1e-12);
        },
      ),
    );
  });

  test("quadrupling the loss halves the bound", () => {
    const a = mathisBoundBytesPerSec(8948, 0.05, 1e-5) ?? 0;
    const b = mathisBoundBytesPerSec(8948, 0.05, 4e-5) ?? 0;
    expect(a / b).toBeCloseTo(2, 12);
  });
});
