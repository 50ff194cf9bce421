import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import { BadUserInputError } from "../../../shared/errors.js";
import type { NotificationsContext } from "../context.js";
import type { Notification } from "../entities/index.js";
import { MESSAGE_PURPOSES, NotificationsArgs, NotificationType, UserRef } from "../types/index.js";

/** A person's notices: the notifications subgraph's contribution to User, released to that person only. */
@Resolver(() => UserRef)
export class UserNotificationsResolver {
  @FieldResolver(() => [NotificationType], { nullable: true })
  @Directive(personalData("messages", MESSAGE_PURPOSES))
  notifications(
    @Root() user: UserRef,
    @Args(() => NotificationsArgs) args: NotificationsArgs,
    @Ctx() ctx: NotificationsContext,
  ): Promise<Notification[]> {
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new BadUserInputError("first", "must be between 1 and 100");
    return ctx.loaders.noticesOf.load({ recipientId: user.id, first, unreadOnly: args.unreadOnly ?? false });
  }
}
