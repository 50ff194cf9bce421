/** What promoting a school's classes to the next school year answers: counts and the new classes, no one's personal fields. */
import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { SchoolClassType, SchoolType } from "./index.js";

@ArgsType()
export class PromoteClassesArgs {
  @Field(() => Int, { description: "The school year to promote from: 2026 moves 2026/2027's classes to 2027/2028" })
  fromYear: number;

  @Field(() => ID, {
    nullable: true,
    description: "The ministry: one school (default: every school not yet promoted); a school admin: their own",
  })
  schoolId?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: "Carry each class's teaching assignments over to its new class" })
  carryTeaching: boolean;

  @Field(() => Boolean, { defaultValue: false, description: "Carry each class's homeroom teacher over to its new class" })
  carryHomeroom: boolean;
}

@ObjectType("SchoolPromotion", { description: "One school's classes moved on to the next school year; grade 11 graduated" })
export class SchoolPromotionType {
  @Field(() => SchoolType)
  school: SchoolType;

  @Field(() => Int)
  fromYear: number;

  @Field(() => Int)
  toYear: number;

  @Field(() => [SchoolClassType], { description: "The classes of the new school year the students moved into" })
  classes: SchoolClassType[];

  @Field(() => Int)
  promotedStudents: number;

  @Field(() => Int, { description: "Students of grade 11 whose enrolment ended GRADUATED" })
  graduatedStudents: number;
}
