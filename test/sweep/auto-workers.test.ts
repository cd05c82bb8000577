import { describe, expect, it } from "vitest";
import { autoWorkers, describeAutoWorkers } from "../../src/sweep/auto-workers.js";

describe("autoWorkers(cores, load)", () => {
  it("autoWorkers(2, 0.3) is 2; (2, 1.2) is 1; (8, 3.4) is 5; a machine busier than its cores still gets 1", () => {
    expect(autoWorkers(2, 0.3).workers).toBe(2);
    expect(autoWorkers(2, 1.2).workers).toBe(1);
    expect(autoWorkers(8, 3.4).workers).toBe(5);
    expect(autoWorkers(2, 17).workers).toBe(1);
  });

  it("an unknown load (0, NaN, negative) counts every core as free", () => {
    expect(autoWorkers(4, 0).workers).toBe(4);
    expect(autoWorkers(4, NaN).workers).toBe(4);
    expect(autoWorkers(4, -1).workers).toBe(4);
  });

  it("describeAutoWorkers says the cores and the load it used", () => {
    expect(describeAutoWorkers(autoWorkers(2, 0.34))).toBe("auto: 2 cores, load 0.3");
    expect(describeAutoWorkers(autoWorkers(1, 0))).toBe("auto: 1 core, load 0.0");
  });
});
