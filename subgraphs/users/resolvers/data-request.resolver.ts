import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { seesRestrictedDisclosures } from "../../../shared/privacy/audit-trail.js";
import type { UsersContext } from "../context.js";
import type { DataRequest, DataRequestStatus, DataRequestStep } from "../entities/index.js";
import { decideDataRequest } from "../requests/decide.js";
import { fileDataRequest } from "../requests/file.js";
import { listDataRequests } from "../requests/list.js";
import {
  DataRequestInput,
  DataRequestStatusEnum,
  DataRequestStepType,
  DataRequestType,
  FieldCorrectionType,
} from "../types/data-request.js";

/** Argument classes, not @Arg parameters, so the SDL lists the arguments in this order. */
@ArgsType()
class DecideArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Boolean)
  grant: boolean;

  @Field(() => String, { nullable: true, description: "Required for a refusal: why" })
  note?: string | null;
}

@ArgsType()
class ListArgs {
  @Field(() => ID, { nullable: true, description: "The person; omitted: every request the caller may see" })
  subjectId?: string | null;

  @Field(() => DataRequestStatusEnum, { nullable: true })
  status?: DataRequestStatus | null;
}

/** The data subject's rights to rectification, blocking and erasure, as a workflow (requests/ holds the rules). */
@Resolver(() => DataRequestType)
export class DataRequestResolver {
  @Mutation(() => DataRequestType, { description: "By the person themself, or a parent for their child" })
  fileDataRequest(
    @Arg("input", () => DataRequestInput) input: DataRequestInput,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<DataRequest> {
    return fileDataRequest(ctx, input);
  }

  @Mutation(() => DataRequestType, {
    description: "By the school admin of the person's school or the data protection officer; a refusal needs a note",
  })
  decideDataRequest(
    @Args(() => DecideArgs) { id, grant, note }: DecideArgs,
    @Ctx() ctx: AuthedContext<UsersContext>,
  ): Promise<DataRequest> {
    return decideDataRequest(ctx, id, grant, note);
  }

  @Query(() => [DataRequestType], { description: "Newest first: about one person, or all the caller may see" })
  dataRequests(@Args(() => ListArgs) { subjectId, status }: ListArgs, @Ctx() ctx: AuthedContext<UsersContext>): Promise<DataRequest[]> {
    return listDataRequests(ctx, subjectId ?? undefined, status ?? undefined);
  }

  @FieldResolver(() => [FieldCorrectionType], { description: "Rectification: the values asked for" })
  corrections(@Root() request: DataRequest): FieldCorrectionType[] {
    return Object.entries(request.corrections ?? {}).map(([field, value]) => ({ field, value }));
  }

  @FieldResolver(() => [DataRequestStepType], { description: "Every step taken, oldest first" })
  async steps(@Root() request: DataRequest, @Ctx() ctx: UsersContext): Promise<DataRequestStep[]> {
    const steps = await ctx.loaders.stepsByRequest.load(request.id);
    return seesRestrictedDisclosures(ctx.caller) ? steps : steps.filter((s) => !s.restricted);
  }
}
