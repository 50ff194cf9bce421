/** A class's attendance, day by day. */
import { ArgsType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/scalars.js";
import type { AttendanceStatus } from "../entities/index.js";
import { AttendanceStatusEnum } from "./index.js";

@ObjectType("AttendanceStatusCount")
export class AttendanceStatusCountType {
  @Field(() => AttendanceStatusEnum)
  status: AttendanceStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType("ClassAttendanceDay", { description: "One school day of a class: its lessons and the attendance marks entered for them" })
export class ClassAttendanceDayType {
  @Field(() => DateScalar)
  date: string;

  @Field(() => Int, { description: "Lessons the class had that day" })
  lessons: number;

  @Field(() => Int, { description: "Attendance marks entered (one per student and lesson)" })
  marks: number;

  @Field(() => Int, { description: "Marks PRESENT or LATE" })
  present: number;

  @Field(() => Float, { nullable: true, description: "present / marks; null when no mark was entered" })
  presentShare?: number | null;

  @Field(() => [AttendanceStatusCountType], { description: "Marks per status, statuses with none left out" })
  counts: AttendanceStatusCountType[];
}

@ArgsType()
export class ClassAttendanceSummaryArgs {
  @Field(() => ID)
  classId: string;

  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar, { description: "At most 62 days after from" })
  to: string;
}
