import { addDays, format, parseISO } from "date-fns";
import { describe, expect, it } from "vitest";
import { formatDay } from "@/lib/format";

describe("formatDay", () => {
  it("reads a stored calendar day as that day", () => {
    expect(formatDay("2026-03-05")).toBe("5 Mar 2026");
    expect(formatDay("2024-02-29")).toBe("29 Feb 2024");
    expect(formatDay("2025-12-31")).toBe("31 Dec 2025");
  });

  it("stays right for every day after more days than it keeps have passed through", () => {
    const start = parseISO("1990-01-01");
    // 12,000 distinct days: more than the 10,000 labels kept, so the store is emptied on the way.
    for (let i = 0; i < 12_000; i++) {
      const day = format(addDays(start, i), "yyyy-MM-dd");
      expect(formatDay(day)).toBe(format(addDays(start, i), "d MMM yyyy"));
    }
    expect(formatDay("1990-01-01")).toBe("1 Jan 1990");
  });
});
