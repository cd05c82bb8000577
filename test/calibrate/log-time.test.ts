import { describe, expect, it } from "vitest";
import { parseLogTime } from "../../src/calibrate/log-time.js";

describe("parseLogTime", () => {
  it("parseLogTime(ISO Z) gives epoch seconds with milliseconds", () => {
    const t = parseLogTime("2015-02-20T11:05:06.449Z esx.vmware.com vmkernel: cpu3:427570)VMotion");
    expect(t?.clock).toBe("utc");
    // Date.UTC(2015, 1, 20, 11, 5, 6) / 1000 = 1424430306
    expect(t?.sec).toBeCloseTo(1424430306.449, 6);
  });
  it("reads a syslog PRI prefix and a bracketed stamp", () => {
    expect(parseLogTime("<181>2014-12-10T18:50:27.101Z host vmkernel:")?.text).toBe(
      "2014-12-10T18:50:27.101Z",
    );
    expect(parseLogTime("[2020-01-01T00:00:00] In(05) worker")?.sec).toBe(1577836800);
  });
  it("applies a zone offset", () => {
    expect(parseLogTime("2020-01-01T01:00:00+01:00 x")?.sec).toBe(1577836800);
  });
  it("reads ESX 4.x uptime stamps on their own clock", () => {
    const t = parseLogTime("vmkernel: 114:03:25:51.489 cpu0:4100)WARNING: FSR");
    expect(t?.clock).toBe("uptime");
    // 114 d 3 h 25 min 51.489 s = 9849600 + 10800 + 1500 + 51.489
    expect(t?.sec).toBeCloseTo(9861951.489, 6);
  });
  it("returns null for placeholders and noise", () => {
    expect(parseLogTime("YYYY-MM-DDThh:mm:ss.551Z In(05) vmx")).toBeNull();
    expect(parseLogTime("")).toBeNull();
  });
});
