import { describe, expect, it } from "vitest";
import { holdSynchronousRecompilation, recompilationFor } from "../../src/sweep/recompilation.js";

describe("recompilationFor(workers, cores)", () => {
  it("recompilationFor(2, 2) is synchronous; (1, 2) and (3, 4) keep a core for V8's compiler threads", () => {
    expect(recompilationFor(2, 2)).toBe("synchronous");
    expect(recompilationFor(1, 1)).toBe("synchronous");
    expect(recompilationFor(8, 4)).toBe("synchronous");
    expect(recompilationFor(1, 2)).toBe("concurrent");
    expect(recompilationFor(3, 4)).toBe("concurrent");
  });

  it("a sweep in this thread (0 workers) and unknown core counts never turn concurrent compilation off wrongly", () => {
    expect(recompilationFor(0, 1)).toBe("concurrent");
    expect(recompilationFor(0, 2)).toBe("concurrent");
    // An unknown or fractional core count is at least 1 whole core.
    expect(recompilationFor(1, NaN)).toBe("synchronous");
    expect(recompilationFor(1, 0)).toBe("synchronous");
    expect(recompilationFor(2, 2.9)).toBe("synchronous");
    expect(recompilationFor(2, 3)).toBe("concurrent");
  });
});

describe("holdSynchronousRecompilation(setFlags, userChose)", () => {
  it("sets --no-concurrent-recompilation at the first hold and restores it at the last release, once", () => {
    const calls: string[] = [];
    const set = (f: string): void => {
      calls.push(f);
    };
    const a = holdSynchronousRecompilation(set, false);
    const b = holdSynchronousRecompilation(set, false);
    expect(calls).toEqual(["--no-concurrent-recompilation"]);
    a();
    a(); // a second release of the same hold changes nothing
    expect(calls).toEqual(["--no-concurrent-recompilation"]);
    b();
    expect(calls).toEqual(["--no-concurrent-recompilation", "--concurrent-recompilation"]);
    const c = holdSynchronousRecompilation(set, false);
    c();
    expect(calls.length).toBe(4);
  });

  it("leaves the flag alone when the process was started with its own choice of it", () => {
    const calls: string[] = [];
    const release = holdSynchronousRecompilation((f) => calls.push(f), true);
    release();
    expect(calls).toEqual([]);
  });
});
