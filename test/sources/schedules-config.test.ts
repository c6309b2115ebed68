// `kind: Schedule` as a user writes it: cron expressions of 5 or 6 fields (and nicknames), an
// IANA time zone, the event with its templates; a bad field is named by position, name and
// character offset, a bad zone gets the nearest real one suggested.
import { describe, expect, it } from "vitest";
import { configOf, placesOf, yaml } from "../config/fixture.js";

describe("kind: Schedule", () => {
  it("loads schedules with their defaults, canonical time zones and event templates", async () => {
    const config = await configOf({
      "s.yaml": yaml(
        "kind: Bus",
        "name: ops",
        "---",
        "kind: Schedule",
        "name: nightly",
        "cron: '0 3 * * *'",
        "timezone: asia/shanghai",
        "bus: ops",
        "event:",
        "  type: ops.report.due",
        "  subject: \"{{ schedule & '-' & $substring(local, 0, 10) }}\"",
        "  data: {at: '{{ now }}', fixed: 1}",
        "---",
        "kind: Schedule",
        "name: every-second",
        "cron: '* * * * * *'",
        "---",
        "kind: Schedule",
        "name: daily",
        "cron: '@daily'",
      ),
    });
    expect([...config.schedules.values()]).toEqual([
      {
        name: "nightly",
        cron: "0 3 * * *",
        timezone: "Asia/Shanghai",
        bus: "ops",
        event: { type: "ops.report.due", subject: "{{ schedule & '-' & $substring(local, 0, 10) }}", data: { at: "{{ now }}", fixed: 1 } },
      },
      { name: "every-second", cron: "* * * * * *", timezone: "UTC", bus: "default", event: { type: "reflex.schedule.fired", subject: "every-second" } },
      { name: "daily", cron: "@daily", timezone: "UTC", bus: "default", event: { type: "reflex.schedule.fired", subject: "daily" } },
    ]);
  });

  it("names the bad cron field by position, name and character, and explains what it takes", async () => {
    const places = await placesOf({
      "s.yaml": yaml(
        "kind: Schedule",
        "name: a",
        "cron: '0 25 * * *'",
        "---",
        "kind: Schedule",
        "name: b",
        "cron: '*/5 * * * * * *'",
        "---",
        "kind: Schedule",
        "name: c",
        "cron: '0 0 * 1x *'",
        "---",
        "kind: Schedule",
        "name: d",
        "cron: '0 0 30 2 *'",
        "---",
        "kind: Schedule",
        "name: e",
        "cron: '30 0 0 32 * *'",
        "---",
        "kind: Schedule",
        "name: f",
        "cron: '@sometimes'",
        "---",
        "kind: Schedule",
        "name: g",
        "cron: '10-5 * * * *'",
      ),
    });
    expect(places).toEqual([
      "s.yaml:3:7 [/cron] cron '0 25 * * *': field 2 (hour) '25' at character 3 is out of range; the hour field takes 0-23",
      "s.yaml:7:7 [/cron] cron '*/5 * * * * * *' has 7 fields; write 5 (minute hour day-of-month month day-of-week) or 6 (a second first)",
      "s.yaml:11:7 [/cron] cron '0 0 * 1x *': field 4 (month) '1x' at character 7 holds characters cron does not read; the month field takes 1-12 or JAN-DEC, lists (,), ranges (-) and steps (/)",
      "s.yaml:15:7 [/cron] cron '0 0 30 2 *' never fires (no date matches it, e.g. 30 February); check its day and month fields",
      "s.yaml:19:7 [/cron] cron '30 0 0 32 * *': field 4 (day of month) '32' at character 8 is out of range; the day of month field takes 1-31, L or W",
      "s.yaml:23:7 [/cron] cron '@sometimes' is not a nickname Reflex knows; use @yearly, @monthly, @weekly, @daily or @hourly, or write the fields",
      "s.yaml:27:7 [/cron] cron '10-5 * * * *': field 1 (minute) '10-5' at character 1 is not valid: From value is larger than to value: '10-5'",
    ]);
  });

  it("refuses a time zone that is not IANA, suggesting the nearest, and checks the event's templates", async () => {
    const places = await placesOf({
      "s.yaml": yaml(
        "kind: Schedule",
        "name: a",
        "cron: '0 3 * * *'",
        "timezone: Asia/Shangai",
        "---",
        "kind: Schedule",
        "name: b",
        "cron: '0 3 * * *'",
        "bus: nowhere",
        "event: {data: {x: '{{ now & }}'}}",
      ),
    });
    expect(places).toEqual([
      "s.yaml:4:11 [/timezone] 'Asia/Shangai' is not an IANA time zone; write e.g. UTC, Asia/Shanghai or Europe/Berlin; did you mean 'Asia/Shanghai'?",
      expect.stringMatching(/^s\.yaml:10:19 \[\/event\/data\/x\] template at \/event\/data\/x: /),
    ]);
  });
});
