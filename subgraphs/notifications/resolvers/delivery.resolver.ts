import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { AuthedContext } from "../../../shared/context.js";
import type { NotificationsContext } from "../context.js";
import { assertOperator, listDeliveries, redrive } from "../delivery/operator.js";
import type { Delivery } from "../entities/index.js";
import { NoticeDeliveriesArgs, NoticeDeliveryType } from "../types/delivery.js";

type Ctx = AuthedContext<NotificationsContext>;

@Resolver(() => NoticeDeliveryType)
export class NoticeDeliveryResolver {
  @Query(() => [NoticeDeliveryType], {
    description: "Delivery state for the operator (data protection officer): no addresses, texts or recipients",
  })
  noticeDeliveries(@Args(() => NoticeDeliveriesArgs) args: NoticeDeliveriesArgs, @Ctx() ctx: Ctx): Promise<Delivery[]> {
    assertOperator(ctx.caller);
    return listDeliveries(ctx, args);
  }

  @Mutation(() => NoticeDeliveryType, { description: "Puts a DEAD delivery back in the queue (operator only)" })
  retryNoticeDelivery(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<Delivery> {
    assertOperator(ctx.caller);
    return redrive(ctx, id);
  }
}
