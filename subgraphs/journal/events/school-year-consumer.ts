/**
 * The journal follows institutions' rollover (`institutions.school-year.promoted`): the new classes get
 * their places, the students move from the old roster to the new one, carried teaching becomes the new
 * classes' teaching, and the old school year closes for the school (calendar/locks.ts: final for
 * everyone, still readable). Where teaching was carried over, the old class's timetable of its last term
 * becomes the new class's timetable of its first term, so lessons can be generated from the first day.
 */
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { tashkentDay } from "../../../shared/days.js";
import type { EventEnvelope } from "../../../shared/events/bus.js";
import { parseSchoolYearPromoted, SCHOOL_YEAR_PROMOTED, type SchoolYearPromoted } from "../../../shared/events/contracts/school-year.js";
import { consume } from "../../../shared/events/outbox.js";
import type { SubgraphDeps } from "../../../shared/federation/subgraph-module.js";
import { ensureYearWithin } from "../calendar/calendar-store.js";
import { termKindFor } from "../calendar/school-days.js";
import { AcademicTerm, ClassPlace, ClosedYear, RosterEntry, TeachingReplica, TimetableEntry } from "../entities/index.js";

const CONSUMER = "journal";

/** Copies the old classes' last-term timetables (only slots whose teacher still teaches the subject there) into the new first terms. */
async function carryTimetables(em: EntityManager, promoted: SchoolYearPromoted): Promise<void> {
  const carried = new Set(promoted.teaching.map((t) => `${t.classId}|${t.subjectId}|${t.teacherId}`));
  const classes = promoted.classes.filter((c) => promoted.teaching.some((t) => t.classId === c.classId));
  if (classes.length === 0) return;
  await ensureYearWithin(em, promoted.toYear);
  const [oldTerms, newTerms] = await Promise.all([
    em.find(AcademicTerm, { year: promoted.fromYear }, { orderBy: { startsOn: "desc" } }),
    em.find(AcademicTerm, { year: promoted.toYear }, { orderBy: { startsOn: "asc" } }),
  ]);
  const entries = await em.find(TimetableEntry, {
    classId: { $in: classes.map((c) => c.fromClassId) },
    termId: { $in: oldTerms.map((t) => t.id) },
  });
  const rank = new Map(oldTerms.map((t, i) => [t.id, i]));
  for (const cls of classes) {
    const first = newTerms.find((t) => t.kind === termKindFor(cls.gradeLevel));
    const own = entries.filter((e) => e.classId === cls.fromClassId);
    const lastTermId = own.map((e) => e.termId).sort((a, b) => rank.get(a)! - rank.get(b)!)[0];
    if (!first || !lastTermId || (await em.count(TimetableEntry, { classId: cls.classId, termId: first.id })) > 0) continue;
    for (const e of own.filter((x) => x.termId === lastTermId && carried.has(`${cls.classId}|${x.subjectId}|${x.teacherId}`))) {
      em.persist(
        em.create(TimetableEntry, {
          id: randomUUID(),
          classId: cls.classId,
          termId: first.id,
          weekday: e.weekday,
          period: e.period,
          subjectId: e.subjectId,
          teacherId: e.teacherId,
          room: e.room ?? null,
        }),
      );
    }
  }
}

export async function onSchoolYearPromoted(em: EntityManager, event: EventEnvelope): Promise<void> {
  const promoted = parseSchoolYearPromoted(event.payload);
  if (!promoted) return;
  const { schoolId, districtId, regionId, startsOn } = promoted;
  const places = await em.find(ClassPlace, { classId: { $in: promoted.classes.map((c) => c.classId) } });
  for (const cls of promoted.classes) {
    const place = places.find((p) => p.classId === cls.classId);
    if (place) place.homeroomTeacherId = cls.homeroomTeacherId ?? place.homeroomTeacherId ?? null;
    else
      em.persist(
        em.create(ClassPlace, {
          classId: cls.classId,
          schoolId,
          districtId,
          regionId,
          gradeLevel: cls.gradeLevel,
          homeroomTeacherId: cls.homeroomTeacherId,
        }),
      );
  }
  for (const e of promoted.enrolments) {
    await em.nativeUpdate(
      RosterEntry,
      { studentId: e.studentId, classId: e.fromClassId, $or: [{ endsOn: null }, { endsOn: { $gt: startsOn } }] },
      { endsOn: startsOn },
    );
    em.persist(em.create(RosterEntry, { id: e.enrolmentId, classId: e.classId, studentId: e.studentId, startsOn, endsOn: null }));
  }
  for (const t of promoted.teaching) {
    em.persist(em.create(TeachingReplica, { id: t.assignmentId, teacherId: t.teacherId, classId: t.classId, subjectId: t.subjectId }));
  }
  if (!(await em.count(ClosedYear, { schoolId, year: promoted.fromYear })))
    em.persist(em.create(ClosedYear, { id: randomUUID(), schoolId, year: promoted.fromYear, closedOn: tashkentDay() }));
  await carryTimetables(em, promoted);
}

/** Subscribes the journal to the rollover; called once per process. */
export function followSchoolYears(deps: Pick<SubgraphDeps, "orm" | "bus">): void {
  consume(deps.orm, deps.bus, SCHOOL_YEAR_PROMOTED, CONSUMER, onSchoolYearPromoted);
}
