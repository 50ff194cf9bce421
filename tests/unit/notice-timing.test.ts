/**
 * Quiet hours and the digest time, in Tashkent time (UTC+5): which instants are quiet, when a deferred
 * notice becomes due, when a digest is composed, and how the configuration reads them.
 */
import { describe, expect, it } from "vitest";
import { loadConfig, type NoticeTiming } from "../../shared/config.js";
import { endOfQuietHours, inQuietHours, nextDigestAt, scheduleNotice } from "../../subgraphs/notifications/notices/timing.js";

/** An instant given as Tashkent wall-clock time. */
const tashkent = (local: string): Date => new Date(`${local}+05:00`);
const timing: NoticeTiming = { quietHours: { start: 22 * 60, end: 7 * 60 }, digestAt: 19 * 60 };

describe("quiet hours 22:00-07:00", () => {
  it("are quiet from 22:00 up to, not including, 07:00", () => {
    expect(inQuietHours(tashkent("2026-11-20T21:59:59"), timing.quietHours)).toBe(false);
    expect(inQuietHours(tashkent("2026-11-20T22:00:00"), timing.quietHours)).toBe(true);
    expect(inQuietHours(tashkent("2026-11-21T03:00:00"), timing.quietHours)).toBe(true);
    expect(inQuietHours(tashkent("2026-11-21T06:59:59"), timing.quietHours)).toBe(true);
    expect(inQuietHours(tashkent("2026-11-21T07:00:00"), timing.quietHours)).toBe(false);
  });

  it("defer to 07:00 Tashkent of the right day", () => {
    expect(endOfQuietHours(tashkent("2026-11-20T23:30:12"), timing.quietHours)).toEqual(tashkent("2026-11-21T07:00:00"));
    expect(endOfQuietHours(tashkent("2026-11-21T06:59:30"), timing.quietHours)).toEqual(tashkent("2026-11-21T07:00:00"));
    const day = tashkent("2026-11-21T12:00:00");
    expect(endOfQuietHours(day, timing.quietHours)).toBe(day);
  });

  it("a window within one day works too, and none defers nothing", () => {
    const lunch = { start: 13 * 60, end: 14 * 60 };
    expect(endOfQuietHours(tashkent("2026-11-20T13:20:00"), lunch)).toEqual(tashkent("2026-11-20T14:00:00"));
    expect(inQuietHours(tashkent("2026-11-20T23:00:00"), lunch)).toBe(false);
    expect(inQuietHours(tashkent("2026-11-20T23:00:00"), null)).toBe(false);
  });
});

describe("scheduling a notice", () => {
  it("urgent: at once, even at night, never in a digest", () => {
    const night = tashkent("2026-11-20T23:30:00");
    expect(scheduleNotice(night, true, true, timing)).toEqual({ deliverAfter: night, inDigest: false });
  });

  it("not urgent: at the end of quiet hours, or at the next digest time for a guardian who chose one", () => {
    const night = tashkent("2026-11-20T23:30:00");
    expect(scheduleNotice(night, false, false, timing)).toEqual({ deliverAfter: tashkent("2026-11-21T07:00:00"), inDigest: false });
    expect(scheduleNotice(night, false, true, timing)).toEqual({ deliverAfter: tashkent("2026-11-21T19:00:00"), inDigest: true });
    const afternoon = tashkent("2026-11-20T15:10:00");
    expect(scheduleNotice(afternoon, false, true, timing).deliverAfter).toEqual(tashkent("2026-11-20T19:00:00"));
    expect(scheduleNotice(afternoon, false, false, timing).deliverAfter).toBe(afternoon);
  });

  it("a digest time inside quiet hours moves to their end", () => {
    expect(nextDigestAt(tashkent("2026-11-20T15:00:00"), { ...timing, digestAt: 23 * 60 })).toEqual(tashkent("2026-11-21T07:00:00"));
    expect(nextDigestAt(tashkent("2026-11-20T19:00:00"), timing)).toEqual(tashkent("2026-11-20T19:00:00"));
    expect(nextDigestAt(tashkent("2026-11-20T19:00:01"), timing)).toEqual(tashkent("2026-11-21T19:00:00"));
  });
});

describe("configuration", () => {
  it("defaults to 22:00-07:00 and a digest at 19:00", () => {
    expect(loadConfig({}).notices).toEqual(timing);
  });

  it("reads QUIET_HOURS and DIGEST_AT, and turns quiet hours off", () => {
    expect(loadConfig({ QUIET_HOURS: "21:30-06:45", DIGEST_AT: "18:15" }).notices).toEqual({
      quietHours: { start: 21 * 60 + 30, end: 6 * 60 + 45 },
      digestAt: 18 * 60 + 15,
    });
    expect(loadConfig({ QUIET_HOURS: "off" }).notices.quietHours).toBeNull();
  });

  it("refuses what it cannot read, naming the variable", () => {
    expect(() => loadConfig({ QUIET_HOURS: "22-07" })).toThrow(/QUIET_HOURS/);
    expect(() => loadConfig({ QUIET_HOURS: "22:00-22:00" })).toThrow(/QUIET_HOURS/);
    expect(() => loadConfig({ DIGEST_AT: "25:00" })).toThrow(/DIGEST_AT/);
    expect(() => loadConfig({ NATS_ACK_WAIT_MS: "10" })).toThrow(/NATS_ACK_WAIT_MS/);
    expect(() => loadConfig({ NATS_STREAM: "a.b" })).toThrow(/NATS_STREAM/);
  });
});
