import { describe, expect, it } from "vitest";
import { defaultAnnualDueDate, isMonthDue, monthlyDeadline, monthNowDue, monthNowDueAt, submissionState } from "./reporting";

describe("reporting schedule", () => {
  it("month M is due on day D of month M+1, across the year end", () => {
    expect(monthlyDeadline({ year: 2026, month: 11 }, 10)).toBe("2026-12-10");
    expect(monthlyDeadline({ year: 2026, month: 12 }, 10)).toBe("2027-01-10");
    expect(monthlyDeadline({ year: 2027, month: 3 }, 5)).toBe("2027-04-05");
  });

  it("annual datasets are due on 31 May after the fiscal year by default", () => {
    expect(defaultAnnualDueDate(2026)).toBe("2027-05-31");
  });

  it("the month now due is the previous month, while its deadline runs and after it passed", () => {
    expect(monthNowDue("2026-12-02")).toEqual({ year: 2026, month: 11 });
    expect(monthNowDue("2026-12-10")).toEqual({ year: 2026, month: 11 });
    expect(monthNowDue("2026-12-31")).toEqual({ year: 2026, month: 11 });
    expect(monthNowDue("2027-01-01")).toEqual({ year: 2026, month: 12 });
    expect(monthNowDue("2026-04-01")).toEqual({ year: 2026, month: 3 });
  });

  it("reads the clock in Japan time: 31 December 15:30 UTC is already January in Japan", () => {
    expect(monthNowDueAt(new Date("2026-12-31T15:30:00Z"))).toEqual({ year: 2026, month: 12 });
    expect(monthNowDueAt(new Date("2026-12-31T14:30:00Z"))).toEqual({ year: 2026, month: 11 });
  });

  it("a month counts as due only once its deadline day is over", () => {
    expect(isMonthDue({ year: 2026, month: 11 }, 10, "2026-12-10")).toBe(false);
    expect(isMonthDue({ year: 2026, month: 11 }, 10, "2026-12-11")).toBe(true);
    expect(isMonthDue({ year: 2026, month: 10 }, 10, "2026-12-02")).toBe(true);
  });
});

describe("submission state", () => {
  const deadline = "2026-12-10";
  it("the deadline day itself is on time; the next day is late", () => {
    expect(submissionState({ deadline, submittedOn: "2026-12-10", today: "2026-12-20" })).toBe("on_time");
    expect(submissionState({ deadline, submittedOn: "2026-12-11", today: "2026-12-20" })).toBe("late");
    expect(submissionState({ deadline, submittedOn: "2026-11-30", today: "2026-12-02" })).toBe("on_time");
  });
  it("without figures: before the deadline (the day included) not yet due, after it not submitted", () => {
    expect(submissionState({ deadline, submittedOn: null, today: "2026-12-02" })).toBe("not_yet_due");
    expect(submissionState({ deadline, submittedOn: null, today: "2026-12-10" })).toBe("not_yet_due");
    expect(submissionState({ deadline, submittedOn: null, today: "2026-12-11" })).toBe("not_submitted");
  });
  it("figures loaded before submissions were recorded count as on time", () => {
    expect(submissionState({ deadline, submittedOn: undefined, today: "2027-01-01" })).toBe("on_time");
  });
});
