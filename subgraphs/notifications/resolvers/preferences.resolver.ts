import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { ForbiddenError } from "../../../shared/errors.js";
import type { NotificationsContext } from "../context.js";
import { Contact, Guardian, NotificationPreference } from "../entities/index.js";
import { savePreferences } from "../preferences/update.js";
import { preferencesView } from "../preferences/view.js";
import { NotificationPreferencesInput, NotificationPreferencesType } from "../types/preferences.js";

type Ctx = AuthedContext<NotificationsContext>;

/** Notices go to parents, so choosing how to get them is a parent's, for themself only. */
function assertParent(ctx: Ctx): void {
  if (ctx.caller.role !== "PARENT") throw new ForbiddenError("Notice preferences are a parent's own setting");
}

@Resolver(() => NotificationPreferencesType)
export class NotificationPreferencesResolver {
  @Query(() => NotificationPreferencesType, { description: "The calling parent's channels per notice kind, digest and notice language" })
  async myNotificationPreferences(@Ctx() ctx: Ctx): Promise<NotificationPreferencesType> {
    assertParent(ctx);
    const recipientId = ctx.caller.sub;
    const [row, guardian, contact] = await Promise.all([
      ctx.em.findOne(NotificationPreference, { recipientId }),
      ctx.em.findOne(Guardian, { id: recipientId }),
      ctx.em.findOne(Contact, { recipientId }),
    ]);
    return preferencesView(recipientId, row, guardian, contact, ctx.channels);
  }

  @Mutation(() => NotificationPreferencesType, {
    description: "Changes the calling parent's preferences; a channel not offered or without an address on file is BAD_USER_INPUT",
  })
  async setNotificationPreferences(
    @Arg("input", () => NotificationPreferencesInput) input: NotificationPreferencesInput,
    @Ctx() ctx: Ctx,
  ): Promise<NotificationPreferencesType> {
    assertParent(ctx);
    const recipientId = ctx.caller.sub;
    const { row, guardian } = await savePreferences(ctx.em, recipientId, input, ctx.channels);
    const contact = await ctx.em.findOne(Contact, { recipientId });
    return preferencesView(recipientId, row, guardian, contact, ctx.channels);
  }
}
