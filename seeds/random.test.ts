import { describe, expect, it } from "vitest";
import { allocate, unitHash } from "./random";

describe("allocate", () => {
  it("splits by largest remainder and keeps the total", () => {
    // 10 over 1:1:1 -> 3.33 each; one extra goes to the first largest remainder
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 7 over 0.5:0.25:0.25 -> 3.5, 1.75, 1.75 -> floors 3,1,1 (5), remainders .5,.75,.75 -> +1 to index 1 and 2
    expect(allocate(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]);
  });
  it("gives nothing to zero weights", () => {
    expect(allocate(5, [0, 2, 0])).toEqual([0, 5, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });
});

describe("unitHash", () => {
  it("is deterministic and in [0, 1)", () => {
    expect(unitHash("312011", 2021)).toBe(unitHash("312011", 2021));
    expect(unitHash("312011", 2021)).not.toBe(unitHash("312011", 2022));
    for (let i = 0; i < 100; i++) {
      const u = unitHash(i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
