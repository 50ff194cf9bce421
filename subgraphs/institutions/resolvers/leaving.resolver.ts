import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { NotFoundError } from "../../../shared/errors.js";
import type { LeaveReason } from "../../../shared/privacy/subgraph-privacy.js";
import { DateScalar } from "../../../shared/scalars.js";
import type { InstitutionsContext } from "../context.js";
import type { School } from "../entities/index.js";
import { endEmployment, endEnrolment, type EndedEmployment, type EndedEnrolment } from "../leaving.js";
import { SchoolType, UserRef } from "../types/index.js";
import { EmploymentEndingType, EnrolmentEndingType, LeaveReasonEnum } from "../types/leaving.js";

/** Classes, not separate @Arg parameters, so the SDL lists the arguments in reading order. */
@ArgsType()
class EndEnrolmentArgs {
  @Field(() => ID)
  studentId: string;

  @Field(() => DateScalar)
  endedOn: string;

  @Field(() => LeaveReasonEnum)
  reason: LeaveReason;
}

@ArgsType()
class EndEmploymentArgs {
  @Field(() => ID)
  userId: string;

  @Field(() => DateScalar)
  endedOn: string;
}

/** A student leaves the school (graduation, transfer out): the school's administration records it. */
@Resolver(() => EnrolmentEndingType)
export class EnrolmentEndingResolver {
  @Mutation(() => EnrolmentEndingType, { description: "Ends the student's current enrolment at the caller's school" })
  endEnrolment(
    @Args(() => EndEnrolmentArgs) args: EndEnrolmentArgs,
    @Ctx() ctx: AuthedContext<InstitutionsContext>,
  ): Promise<EndedEnrolment> {
    return endEnrolment(ctx, args);
  }

  @FieldResolver(() => UserRef)
  student(@Root() ended: EndedEnrolment): UserRef {
    return { id: ended.studentId };
  }
}

/** A staff member stops working at the school: the school's administration records it. */
@Resolver(() => EmploymentEndingType)
export class EmploymentEndingResolver {
  @Mutation(() => EmploymentEndingType, { description: "Ends the person's current employment at the caller's school" })
  endEmployment(
    @Args(() => EndEmploymentArgs) args: EndEmploymentArgs,
    @Ctx() ctx: AuthedContext<InstitutionsContext>,
  ): Promise<EndedEmployment> {
    return endEmployment(ctx, args);
  }

  @FieldResolver(() => UserRef)
  user(@Root() ended: EndedEmployment): UserRef {
    return { id: ended.userId };
  }

  @FieldResolver(() => SchoolType)
  async school(@Root() ended: EndedEmployment, @Ctx() ctx: InstitutionsContext): Promise<School> {
    return (await ctx.loaders.school.load(ended.schoolId)) ?? Promise.reject(new NotFoundError("School"));
  }
}
