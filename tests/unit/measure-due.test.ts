import { describe, expect, it } from "vitest";
import { hq25Due } from "@/lib/measures/due";

const REFERRAL = "2026-01-15";

describe("when the next HQ-25 is due", () => {
  it.each(["referred", "assessment", "paused", "closed"])("a %s case is due nothing, with or without an HQ-25", (status) => {
    expect(hq25Due(status, null, REFERRAL, 90, "2026-06-01")).toBeNull();
    expect(hq25Due(status, "2026-02-01", REFERRAL, 90, "2026-06-01")).toBeNull();
  });

  it("an active case that never had an HQ-25 is due its baseline from the referral date, overdue since then", () => {
    expect(hq25Due("active", null, REFERRAL, 90, "2026-06-01")).toEqual({ dueOn: REFERRAL, overdue: true });
    // On the referral day itself it is already overdue: the baseline is due at once.
    expect(hq25Due("active", null, REFERRAL, 90, REFERRAL)).toEqual({ dueOn: REFERRAL, overdue: true });
    expect(hq25Due("active", null, REFERRAL, 90, "2026-01-14")).toEqual({ dueOn: REFERRAL, overdue: false });
  });

  it("after an HQ-25 the next is due the interval later", () => {
    expect(hq25Due("active", "2026-03-01", REFERRAL, 90, "2026-03-01")).toEqual({ dueOn: "2026-05-30", overdue: false });
    expect(hq25Due("active", "2026-03-01", REFERRAL, 30, "2026-03-01")).toEqual({ dueOn: "2026-03-31", overdue: false });
    // Across a year end and a leap day.
    expect(hq25Due("active", "2026-12-01", REFERRAL, 90, "2026-12-01")!.dueOn).toBe("2027-03-01");
    expect(hq25Due("active", "2028-02-01", REFERRAL, 30, "2028-02-01")!.dueOn).toBe("2028-03-02");
  });

  it("is overdue from the due day itself, not the day after", () => {
    const latest = "2026-03-01";
    expect(hq25Due("active", latest, REFERRAL, 90, "2026-05-29")).toEqual({ dueOn: "2026-05-30", overdue: false });
    expect(hq25Due("active", latest, REFERRAL, 90, "2026-05-30")).toEqual({ dueOn: "2026-05-30", overdue: true });
    expect(hq25Due("active", latest, REFERRAL, 90, "2026-05-31")).toEqual({ dueOn: "2026-05-30", overdue: true });
    expect(hq25Due("active", latest, REFERRAL, 90, "2027-01-01")).toEqual({ dueOn: "2026-05-30", overdue: true });
  });

  it("counts from the latest HQ-25, not the referral", () => {
    expect(hq25Due("active", "2026-06-10", REFERRAL, 90, "2026-06-10")!.dueOn).toBe("2026-09-08");
    expect(hq25Due("active", "2026-06-10", "2026-06-01", 90, "2026-06-10")!.dueOn).toBe("2026-09-08");
  });
});
