/** A school's classes for a school year, and the homeroom teacher of each. */
import { randomUUID } from "node:crypto";
import { CLASS_PLACED, type ClassPlaced } from "../../../shared/events/contracts/institutions.js";
import { enqueue } from "../../../shared/events/outbox.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import { SchoolClass, type School } from "../entities/index.js";
import { administeredClass, administeredSchool, type Ctx } from "./authority.js";
import { assertTeacherOf } from "./staff.js";

export interface CreateClassInput {
  schoolId: string;
  academicYear: number;
  gradeLevel: number;
  letter: string;
}

/** One capital letter of either script ("A", "B", "V", "Ў"); the class is then "5-A". */
const LETTER_RE = /^[A-ZА-ЯЁЎҚҒҲ]{1,2}$/u;

export const classPlaced = (schoolClass: SchoolClass, school: School): ClassPlaced => ({
  classId: schoolClass.id,
  schoolId: school.id,
  districtId: school.districtId,
  regionId: school.regionId,
  gradeLevel: schoolClass.gradeLevel,
  academicYear: schoolClass.academicYear,
  homeroomTeacherId: schoolClass.homeroomTeacherId ?? null,
});

export async function createClass(ctx: Ctx, input: CreateClassInput): Promise<SchoolClass> {
  const school = await administeredSchool(ctx, input.schoolId, "input.schoolId");
  if (!Number.isInteger(input.gradeLevel) || input.gradeLevel < 1 || input.gradeLevel > 11) {
    throw new BadUserInputError("input.gradeLevel", "must be a whole number from 1 to 11");
  }
  if (!Number.isInteger(input.academicYear) || input.academicYear < 2000 || input.academicYear > 2100) {
    throw new BadUserInputError("input.academicYear", "must be the year the school year starts in, e.g. 2026");
  }
  const letter = input.letter.trim().toUpperCase();
  if (!LETTER_RE.test(letter)) throw new BadUserInputError("input.letter", 'one or two capital letters, e.g. "A"');
  const name = `${input.gradeLevel}-${letter}`;
  const clash = await ctx.em.count(SchoolClass, { schoolId: school.id, academicYear: input.academicYear, name });
  if (clash > 0)
    throw new BadUserInputError(
      "input.letter",
      `the school already has a class ${name} in ${input.academicYear}/${input.academicYear + 1}`,
    );

  const schoolClass = await ctx.em.transactional(async (em) => {
    const created = em.create(SchoolClass, {
      id: randomUUID(),
      schoolId: school.id,
      name,
      gradeLevel: input.gradeLevel,
      academicYear: input.academicYear,
    });
    enqueue(em, CLASS_PLACED, { ...classPlaced(created, school) });
    return created;
  });
  ctx.services.relay.kick();
  return schoolClass;
}

export async function setHomeroomTeacher(ctx: Ctx, args: { classId: string; teacherId: string }): Promise<SchoolClass> {
  const { schoolClass, school } = await administeredClass(ctx, args.classId);
  const teacherId = parseId(args.teacherId, "teacherId");
  await assertTeacherOf(ctx, school.id, teacherId, "teacherId");
  await ctx.em.transactional(async (em) => {
    await em.nativeUpdate(SchoolClass, { id: schoolClass.id }, { homeroomTeacherId: teacherId });
    schoolClass.homeroomTeacherId = teacherId;
    enqueue(em, CLASS_PLACED, { ...classPlaced(schoolClass, school) });
  });
  ctx.privacy.noteFor(ctx.caller, teacherId, "SchoolClass.homeroomTeacher");
  ctx.services.relay.kick();
  return schoolClass;
}
