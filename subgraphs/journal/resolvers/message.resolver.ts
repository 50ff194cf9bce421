import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import type { JournalContext } from "../context.js";
import type { ParentMessage } from "../entities/index.js";
import { sendParentMessage } from "../messages/parent-messages.js";
import { SchoolClassRef, UserRef } from "../types/index.js";
import { ParentMessageType, SendParentMessageInput } from "../types/messages.js";

@Resolver(() => ParentMessageType)
export class ParentMessageResolver {
  @Mutation(() => ParentMessageType, {
    description:
      "A message to a student's parents (a teacher of the student's class, its homeroom teacher or the school's " +
      "administration); every guardian who consented to notices receives it as a MESSAGE notice",
  })
  sendParentMessage(
    @Arg("input", () => SendParentMessageInput) input: SendParentMessageInput,
    @Ctx() ctx: AuthedContext<JournalContext>,
  ): Promise<ParentMessage> {
    return sendParentMessage(ctx, input);
  }

  @FieldResolver(() => UserRef)
  student(@Root() message: ParentMessage): UserRef {
    return { id: message.studentId };
  }

  @FieldResolver(() => SchoolClassRef)
  schoolClass(@Root() message: ParentMessage): SchoolClassRef {
    return { id: message.classId };
  }

  @FieldResolver(() => UserRef, { nullable: true })
  sender(@Root() message: ParentMessage): UserRef {
    return { id: message.senderId };
  }
}
