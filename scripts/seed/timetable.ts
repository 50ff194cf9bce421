/**
 * Weekly timetables of one school, built together so a teacher is never in two classes at once when it
 * can be helped: each class's day is filled from period 1 without gaps, a subject at most once a day
 * where possible, and the teacher of the chosen lesson free in that period.
 */
import { PERIODS_PER_DAY, SCHOOL_WEEKDAYS } from "./calendar.js";
import type { Random } from "./random.js";
import type { WeekTimetable } from "./world.js";

export interface ClassLoad {
  classId: string;
  lessons: Array<{ subjectId: string; teacherId: string; hours: number }>;
}

const DAYS = SCHOOL_WEEKDAYS.length;

export function buildSchoolTimetables(rng: Random, classes: readonly ClassLoad[]): Map<string, WeekTimetable> {
  const busy = new Set<string>();
  const result = new Map<string, WeekTimetable>();
  for (const load of classes) {
    const total = load.lessons.reduce((sum, l) => sum + l.hours, 0);
    if (total > DAYS * PERIODS_PER_DAY) throw new Error(`class ${load.classId}: ${total} weekly lessons do not fit`);
    const base = Math.floor(total / DAYS);
    const longer = new Set(rng.shuffle([...Array(DAYS).keys()]).slice(0, total % DAYS));
    const left = new Map(load.lessons.map((l) => [l.subjectId, { ...l, left: l.hours }]));
    const week: WeekTimetable = [];
    for (let day = 0; day < DAYS; day++) {
      const periods = base + (longer.has(day) ? 1 : 0);
      const today: string[] = [];
      for (let period = 0; period < periods; period++) {
        const ranked = [...left.values()]
          .filter((l) => l.left > 0)
          .map((l) => ({
            l,
            key: [
              busy.has(`${l.teacherId}:${day}:${period}`) ? 1 : 0,
              today.filter((s) => s === l.subjectId).length,
              // Subjects with more lessons left come first, loosely, so Matematika is not always period 1.
              rng.next() * 3 - l.left,
            ],
          }))
          .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]!);
        const chosen = ranked[0]?.l;
        if (!chosen) break;
        chosen.left -= 1;
        today.push(chosen.subjectId);
        busy.add(`${chosen.teacherId}:${day}:${period}`);
      }
      week.push(today);
    }
    result.set(load.classId, week);
  }
  resolveClashes(classes, result);
  return result;
}

/**
 * The greedy fill leaves a teacher in two classes at once now and then (about one lesson in a hundred);
 * swapping two periods of the same class and day, where both teachers are free after the swap, removes
 * most of those clashes without changing what any class has on any day.
 */
function resolveClashes(classes: readonly ClassLoad[], timetables: Map<string, WeekTimetable>): void {
  const count = new Map<string, number>();
  const slot = (teacherId: string, day: number, period: number) => `${teacherId}:${day}:${period}`;
  const add = (key: string, delta: number) => count.set(key, (count.get(key) ?? 0) + delta);
  const teacherOf = new Map(classes.map((c) => [c.classId, new Map(c.lessons.map((l) => [l.subjectId, l.teacherId]))]));
  for (const [classId, week] of timetables) {
    week.forEach((periods, day) =>
      periods.forEach((subjectId, period) => add(slot(teacherOf.get(classId)!.get(subjectId)!, day, period), 1)),
    );
  }
  for (let pass = 0; pass < 3; pass++) {
    for (const [classId, week] of timetables) {
      const teachers = teacherOf.get(classId)!;
      week.forEach((periods, day) => {
        for (let p = 0; p < periods.length; p++) {
          const t = teachers.get(periods[p]!)!;
          if ((count.get(slot(t, day, p)) ?? 0) < 2) continue;
          for (let q = 0; q < periods.length; q++) {
            const u = teachers.get(periods[q]!)!;
            if (q === p || t === u || count.get(slot(t, day, q)) || count.get(slot(u, day, p))) continue;
            add(slot(t, day, p), -1);
            add(slot(u, day, q), -1);
            add(slot(t, day, q), 1);
            add(slot(u, day, p), 1);
            [periods[p], periods[q]] = [periods[q]!, periods[p]!];
            break;
          }
        }
      });
    }
  }
}
