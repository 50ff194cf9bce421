import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { AuthedContext } from "../../../shared/context.js";
import { DateScalar } from "../../../shared/scalars.js";
import type { InstitutionsContext } from "../context.js";
import { StaffMembership, Subject, type School, type SchoolClass, type TeachingAssignment } from "../entities/index.js";
import { createClass, setHomeroomTeacher } from "../setup/classes.js";
import { enrolStudent, moveStudent, transferStudent, type PlacedEnrolment } from "../setup/enrolment.js";
import { createSchool } from "../setup/schools.js";
import { addStaffMember, type Position } from "../setup/staff.js";
import { addCatalogueSubject, chooseSchoolSubjects, schoolSubjects } from "../setup/subjects.js";
import { assignTeacher } from "../setup/teaching.js";
import { SchoolClassType, SchoolType, SubjectType } from "../types/index.js";
import {
  AddStaffMemberInputType,
  AssignTeacherInputType,
  CatalogueSubjectInputType,
  CreateClassInputType,
  CreateSchoolInputType,
  EnrolmentType,
  EnrolStudentInputType,
  StaffMemberType,
  TeachingAssignmentType,
} from "../types/setup.js";

type Authed = AuthedContext<InstitutionsContext>;

@ArgsType()
class RelocateArgs {
  @Field(() => ID)
  studentId: string;

  @Field(() => ID)
  toClassId: string;

  @Field(() => DateScalar, { description: "The first day in the new class; the old enrolment ends the day before" })
  on: string;
}

const enrolmentAnswer = ({ enrolment, schoolClass }: PlacedEnrolment): EnrolmentType => ({
  id: enrolment.id,
  student: { id: enrolment.studentId },
  schoolClass: schoolClass as SchoolClassType,
  startsOn: enrolment.startsOn,
  endsOn: enrolment.endsOn ?? null,
});

const staffAnswer = (m: StaffMembership): StaffMemberType => ({
  user: { id: m.userId },
  position: m.role as Position,
  startsOn: m.startsOn,
  endsOn: m.endsOn ?? null,
});

/** Setting up a school (DESIGN.md §7): schools, classes, subjects, staff, enrolment and teaching. */
@Resolver(() => SchoolType)
export class SchoolSetupResolver {
  @Mutation(() => SchoolType, { description: "An official opens a school in their territory and names its first administrator" })
  createSchool(@Arg("input", () => CreateSchoolInputType) input: CreateSchoolInputType, @Ctx() ctx: Authed): Promise<School> {
    return createSchool(ctx, input);
  }

  @Mutation(() => SchoolClassType, { description: 'A school\'s class for a school year; its name is derived, e.g. "5-A"' })
  createClass(@Arg("input", () => CreateClassInputType) input: CreateClassInputType, @Ctx() ctx: Authed): Promise<SchoolClass> {
    return createClass(ctx, input);
  }

  @Mutation(() => SchoolClassType, { description: "The class's homeroom teacher, a teacher of its school" })
  setHomeroomTeacher(
    @Arg("classId", () => ID) classId: string,
    @Arg("teacherId", () => ID) teacherId: string,
    @Ctx() ctx: Authed,
  ): Promise<SchoolClass> {
    return setHomeroomTeacher(ctx, { classId, teacherId });
  }

  @Query(() => [SubjectType], { description: "The national subject catalogue" })
  subjectCatalogue(@Ctx() ctx: InstitutionsContext): Promise<Subject[]> {
    return ctx.em.find(Subject, {}, { orderBy: { nameLatn: "asc" } });
  }

  @Mutation(() => SubjectType, { description: "The ministry adds a subject to the national catalogue" })
  addCatalogueSubject(
    @Arg("input", () => CatalogueSubjectInputType) input: CatalogueSubjectInputType,
    @Ctx() ctx: Authed,
  ): Promise<Subject> {
    return addCatalogueSubject(ctx, input);
  }

  @Mutation(() => [SubjectType], { description: "Adds catalogue subjects to those the school teaches; answers all the school's subjects" })
  chooseSchoolSubjects(
    @Arg("schoolId", () => ID) schoolId: string,
    @Arg("subjectIds", () => [ID]) subjectIds: string[],
    @Ctx() ctx: Authed,
  ): Promise<Subject[]> {
    return chooseSchoolSubjects(ctx, { schoolId, subjectIds });
  }

  @Mutation(() => StaffMemberType, { description: "A teacher or school admin starts working at the school" })
  async addStaffMember(
    @Arg("input", () => AddStaffMemberInputType) input: AddStaffMemberInputType,
    @Ctx() ctx: Authed,
  ): Promise<StaffMemberType> {
    return staffAnswer(await addStaffMember(ctx, input));
  }

  @Mutation(() => EnrolmentType, { description: "Enrols a student in a class of the caller's school" })
  async enrolStudent(@Arg("input", () => EnrolStudentInputType) input: EnrolStudentInputType, @Ctx() ctx: Authed): Promise<EnrolmentType> {
    return enrolmentAnswer(await enrolStudent(ctx, input));
  }

  @Mutation(() => EnrolmentType, { description: "Moves a student to another class of the same school" })
  async moveStudent(@Args(() => RelocateArgs) args: RelocateArgs, @Ctx() ctx: Authed): Promise<EnrolmentType> {
    return enrolmentAnswer(await moveStudent(ctx, args));
  }

  @Mutation(() => EnrolmentType, { description: "The school a student leaves transfers them to a class of another school" })
  async transferStudent(@Args(() => RelocateArgs) args: RelocateArgs, @Ctx() ctx: Authed): Promise<EnrolmentType> {
    return enrolmentAnswer(await transferStudent(ctx, args));
  }

  @Mutation(() => TeachingAssignmentType, { description: "Teacher × class × subject with dates; the teacher writes only inside them" })
  async assignTeacher(
    @Arg("input", () => AssignTeacherInputType) input: AssignTeacherInputType,
    @Ctx() ctx: Authed,
  ): Promise<TeachingAssignmentType> {
    return assignmentAnswer(ctx, await assignTeacher(ctx, input));
  }

  @FieldResolver(() => [StaffMemberType], { nullable: true, description: "Current staff with their positions" })
  @Directive(personalData("enrolment", ["JOURNAL", "ADMINISTRATION"]))
  async staff(@Root() school: School, @Ctx() ctx: InstitutionsContext): Promise<StaffMemberType[]> {
    const members = await ctx.loaders.staffBySchool.load(school.id);
    return members.map(staffAnswer);
  }

  @FieldResolver(() => [SubjectType], { description: "The subjects the school has chosen from the catalogue" })
  subjects(@Root() school: School, @Ctx() ctx: InstitutionsContext): Promise<Subject[]> {
    return schoolSubjects(ctx, school.id);
  }
}

async function assignmentAnswer(ctx: InstitutionsContext, a: TeachingAssignment): Promise<TeachingAssignmentType> {
  const [schoolClass, subject] = await Promise.all([ctx.loaders.schoolClass.load(a.classId), ctx.loaders.subject.load(a.subjectId)]);
  return {
    id: a.id,
    teacher: { id: a.teacherId },
    schoolClass: schoolClass as SchoolClassType,
    subject: subject as SubjectType,
    startsOn: a.startsOn ?? null,
    endsOn: a.endsOn ?? null,
  };
}
