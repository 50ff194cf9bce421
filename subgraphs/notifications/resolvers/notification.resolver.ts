import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import { BadUserInputError } from "../../../shared/errors.js";
import { parseId } from "../../../shared/ids.js";
import type { NotificationsContext } from "../context.js";
import { Notification, type Delivery } from "../entities/index.js";
import { NoticeDeliveryType } from "../types/delivery.js";
import { NotificationType, UserRef } from "../types/index.js";
import { now } from "../../../shared/clock.js";

/** The most ids one call may mark read: a screenful or a page, not a table scan. */
const MAX_IDS = 500;

/** Notification is personal as a whole (type-level @personalData): the shared enforcement guards its fields. */
@Resolver(() => NotificationType)
export class NotificationResolver {
  /** Only the caller's own notices change; someone else's id is silently not theirs to mark. */
  @Mutation(() => Int, { description: "How many of the caller's notices changed to read" })
  async markNotificationsRead(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: AuthedContext<NotificationsContext>): Promise<number> {
    if (ids.length > MAX_IDS) throw new BadUserInputError("ids", `at most ${MAX_IDS} ids per call`);
    const parsed = ids.map((id, i) => parseId(id, `ids[${i}]`));
    if (parsed.length === 0) return 0;
    return ctx.em.nativeUpdate(Notification, { id: { $in: parsed }, recipientId: ctx.caller.sub, readAt: null }, { readAt: now() });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: "The student the notice is about" })
  student(@Root() notice: Notification): UserRef | null {
    return notice.studentId ? { id: notice.studentId } : null;
  }

  /** Released with the notice itself, so only its recipient sees how it went out. */
  @FieldResolver(() => [NoticeDeliveryType], { description: "How the notice went out beyond the app (SMS, Telegram, e-mail)" })
  deliveries(@Root() notice: Notification, @Ctx() ctx: NotificationsContext): Promise<Delivery[]> {
    return ctx.loaders.deliveriesOf.load(notice.id);
  }
}
