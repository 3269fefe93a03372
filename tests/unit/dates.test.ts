import { addDays, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { optional, pastDay, pastMonth } from "@/lib/dates";

const day = pastDay("referral date");
const month = pastMonth("onset month");

describe("date fields", () => {
  it("accepts today and real past days", () => {
    expect(day.parse(format(new Date(), "yyyy-MM-dd"))).toBe(format(new Date(), "yyyy-MM-dd"));
    expect(day.parse("2024-02-29")).toBe("2024-02-29");
  });

  it.each(["2026-02-30", "2023-02-29", "2026-13-01", "26-01-01", "yesterday", "", "1899-12-31"])("refuses %j", (value) => {
    expect(day.safeParse(value).success).toBe(false);
  });

  it("refuses tomorrow", () => {
    const result = day.safeParse(format(addDays(new Date(), 1), "yyyy-MM-dd"));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("The referral date cannot be in the future.");
  });

  it("stores a month as its first day and refuses future or impossible months", () => {
    expect(month.parse("2025-03")).toBe("2025-03-01");
    for (const value of ["2025-00", "2025-13", "3000-01", "1949-12", "2025-3"]) expect(month.safeParse(value).success).toBe(false);
  });

  it("treats an empty optional field as not given", () => {
    expect(optional(day).parse("")).toBeNull();
    expect(optional(day).parse("2025-01-02")).toBe("2025-01-02");
    expect(optional(day).safeParse("nonsense").success).toBe(false);
  });
});
