/** Inputs and answers of the setup operations (DESIGN.md §7): facts written, people as User stubs. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../../shared/scalars.js";
import { POSITIONS, type Position } from "../setup/staff.js";
import { SchoolClassType, SubjectType, UserRef } from "./index.js";

export const StaffPositionEnum = Object.fromEntries(POSITIONS.map((p) => [p, p])) as { [K in Position]: K };
registerEnumType(StaffPositionEnum, { name: "StaffPosition", description: "What a staff member does at a school" });

@InputType("CreateSchoolInput")
export class CreateSchoolInputType {
  @Field(() => ID)
  districtId: string;

  @Field(() => String, { description: "In Latin script" })
  name: string;

  @Field(() => String, { nullable: true })
  nameCyrl?: string | null;

  @Field(() => ID, { description: "The account of the school's first administrator" })
  adminUserId: string;

  @Field(() => DateScalar, { nullable: true, description: "The first administrator works there from this day (default: today)" })
  startsOn?: string | null;
}

@InputType("CreateClassInput")
export class CreateClassInputType {
  @Field(() => ID)
  schoolId: string;

  @Field(() => Int, { description: "The year the school year starts in (2026 for 2026/2027)" })
  academicYear: number;

  @Field(() => Int, { description: "1..11" })
  gradeLevel: number;

  @Field(() => String, { description: 'The letter; the class is named "<grade>-<letter>", e.g. "5-A"' })
  letter: string;
}

@InputType("CatalogueSubjectInput")
export class CatalogueSubjectInputType {
  @Field(() => String, { description: "In Latin script" })
  name: string;

  @Field(() => String, { nullable: true })
  nameRu?: string | null;
}

@InputType("AddStaffMemberInput")
export class AddStaffMemberInputType {
  @Field(() => ID)
  schoolId: string;

  @Field(() => ID)
  userId: string;

  @Field(() => StaffPositionEnum)
  position: Position;

  @Field(() => DateScalar)
  startsOn: string;
}

@InputType("EnrolStudentInput")
export class EnrolStudentInputType {
  @Field(() => ID)
  classId: string;

  @Field(() => ID)
  studentId: string;

  @Field(() => DateScalar, { description: "Inside the class's school year" })
  startsOn: string;
}

@InputType("AssignTeacherInput")
export class AssignTeacherInputType {
  @Field(() => ID)
  teacherId: string;

  @Field(() => ID)
  classId: string;

  @Field(() => ID, { description: "One of the school's chosen subjects" })
  subjectId: string;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: "Exclusive; null: to the end of the school year" })
  endsOn?: string | null;
}

@ObjectType("StaffMember", { description: "A person working at a school, with their position and dates" })
export class StaffMemberType {
  @Field(() => UserRef)
  user: UserRef;

  @Field(() => StaffPositionEnum)
  position: Position;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;
}

@ObjectType("Enrolment", { description: "A student in a class from a day (until the day before endsOn)" })
export class EnrolmentType {
  @Field(() => ID)
  id: string;

  @Field(() => UserRef)
  student: UserRef;

  @Field(() => SchoolClassType)
  schoolClass: SchoolClassType;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;
}

@ObjectType("TeachingAssignment", { description: "A teacher teaches a subject in a class between two days" })
export class TeachingAssignmentType {
  @Field(() => ID)
  id: string;

  @Field(() => UserRef)
  teacher: UserRef;

  @Field(() => SchoolClassType)
  schoolClass: SchoolClassType;

  @Field(() => SubjectType)
  subject: SubjectType;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Exclusive" })
  endsOn?: string | null;
}
