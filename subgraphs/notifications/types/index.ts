/** The GraphQL face of notices. */
import { ArgsType, Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { DateTimeScalar } from "../../../shared/scalars.js";
import { NOTIFICATION_KINDS, type NotificationKind } from "../entities/index.js";

/** A notice is read by its recipient: in the journal app, as a parent notice, or in self-service. */
export const MESSAGE_PURPOSES: readonly Purpose[] = ["JOURNAL", "PARENT_NOTIFICATION", "SELF_SERVICE"];

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, k])) as { [K in NotificationKind]: K };
registerEnumType(NotificationKindEnum, { name: "NotificationKind" });

/** The users subgraph owns User; here it gains its notices. */
@ObjectType("User")
@Directive('@key(fields: "id")')
export class UserRef {
  @Field(() => ID)
  id: string;
}

@ObjectType("Notification")
@Directive(personalData("messages", MESSAGE_PURPOSES))
export class NotificationType {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field(() => String)
  title: string;

  @Field(() => String)
  body: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "When channels (SMS, Telegram, e-mail) may push it: the end of quiet hours or the guardian's digest time; the in-app list shows a notice at once",
  })
  deliverAfter?: Date | null;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: "At most this many, newest first (default 20, at most 100)" })
  first?: number | null;

  @Field(() => Boolean, { nullable: true })
  unreadOnly?: boolean | null;
}
