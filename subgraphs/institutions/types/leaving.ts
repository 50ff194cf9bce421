/** What the leaving mutations answer: the facts written, no one's personal fields (those resolve through User). */
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { LEAVE_REASONS, type LeaveReason } from "../../../shared/privacy/subgraph-privacy.js";
import { DateScalar } from "../../../shared/scalars.js";
import { SchoolClassType, SchoolType, UserRef } from "./index.js";

export const LeaveReasonEnum = Object.fromEntries(LEAVE_REASONS.map((r) => [r, r])) as { [K in LeaveReason]: K };
registerEnumType(LeaveReasonEnum, { name: "LeaveReason", description: "Why a student's enrolment ended" });

@ObjectType("EnrolmentEnding", { description: "A student's enrolment, ended; their data is anonymised after the retention period" })
export class EnrolmentEndingType {
  @Field(() => UserRef)
  student: UserRef;

  @Field(() => SchoolClassType, { description: "The class the student left" })
  schoolClass: SchoolClassType;

  @Field(() => DateScalar, { description: "From this day on the student is no longer enrolled" })
  endedOn: string;

  @Field(() => LeaveReasonEnum)
  reason: LeaveReason;
}

@ObjectType("EmploymentEnding", { description: "A staff member's employment at a school, ended" })
export class EmploymentEndingType {
  @Field(() => UserRef)
  user: UserRef;

  @Field(() => SchoolType)
  school: SchoolType;

  @Field(() => DateScalar, { description: "From this day on the person no longer works there" })
  endedOn: string;
}
