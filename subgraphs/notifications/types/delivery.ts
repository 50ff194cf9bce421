/**
 * The operator's view of deliveries: what went out, through which channel, and what went wrong. It carries
 * no address, no notice text and no recipient, so it is not personal data: an operator watching the
 * providers learns nothing about a family from it.
 */
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../../shared/federation/enums.js";
import { DateTimeScalar } from "../../../shared/scalars.js";
import { DELIVERY_STATUSES, NOTICE_CHANNELS, type DeliveryStatus, type NoticeChannel, type NotificationKind } from "../entities/index.js";
import { NotificationKindEnum } from "./index.js";

export const DeliveryChannelEnum = enumOf(NOTICE_CHANNELS);
registerEnumType(DeliveryChannelEnum, { name: "DeliveryChannel", description: "External channels; in-app is always on and needs none" });
export const DeliveryStatusEnum = enumOf(DELIVERY_STATUSES);
registerEnumType(DeliveryStatusEnum, {
  name: "DeliveryStatus",
  description: "PENDING and FAILED_RETRYING are still to be sent; SENT, DEAD (the dead letter) and CANCELLED are final",
});

@ObjectType("NoticeDelivery", { description: "One notice through one external channel" })
export class NoticeDeliveryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  noticeId: string;

  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field(() => DeliveryChannelEnum)
  channel: NoticeChannel;

  @Field(() => DeliveryStatusEnum)
  status: DeliveryStatus;

  @Field(() => Int, { description: "Calls made to the provider so far" })
  attempts: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the next attempt is due; null once final" })
  nextAttemptAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAttemptAt?: Date | null;

  @Field(() => String, { nullable: true, description: "The last failure in the service's words (status code, timeout); never an address" })
  lastError?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt?: Date | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@ArgsType()
export class NoticeDeliveriesArgs {
  @Field(() => DeliveryStatusEnum, { nullable: true })
  status?: DeliveryStatus | null;

  @Field(() => DeliveryChannelEnum, { nullable: true })
  channel?: NoticeChannel | null;

  @Field(() => ID, { nullable: true, description: "The deliveries of one notice" })
  noticeId?: string | null;

  @Field(() => Int, { nullable: true, description: "At most this many, most recently changed first (default 50, at most 200)" })
  first?: number | null;
}
