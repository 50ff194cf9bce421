/** The GraphQL face of a parent's notice preferences. */
import { Directive, Field, InputType, ObjectType } from "type-graphql";
import { personalData } from "../../../shared/auth/personal-data.js";
import type { Purpose } from "../../../shared/auth/roles.js";
import { LocaleEnum } from "../../../shared/federation/enums.js";
import type { Locale } from "../../../shared/i18n/locale.js";
import type { NoticeChannel, NotificationKind } from "../entities/index.js";
import { DeliveryChannelEnum } from "./delivery.js";
import { NotificationKindEnum } from "./index.js";

/** Read and changed by the parent themself, in the app or as part of being notified. */
export const PREFERENCE_PURPOSES: readonly Purpose[] = ["SELF_SERVICE", "PARENT_NOTIFICATION", "JOURNAL"];

@ObjectType("ChannelChoice")
export class ChannelChoiceType {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field(() => [DeliveryChannelEnum], { description: "External channels for this kind; empty: in-app only" })
  channels: NoticeChannel[];
}

/** Personal as a whole (a linked chat is a contact of the parent's), released to the parent alone. */
@ObjectType("NotificationPreferences")
@Directive(personalData("contact", PREFERENCE_PURPOSES))
export class NotificationPreferencesType {
  /** Whose preferences: the data subject, not a field. */
  recipientId: string;

  @Field(() => [ChannelChoiceType], { description: "Every notice kind, with its external channels" })
  channels: ChannelChoiceType[];

  @Field(() => Boolean, { description: "A daily digest of the day's notices" })
  digest: boolean;

  @Field(() => LocaleEnum, { nullable: true, description: "The language of notices; null: the profile's language" })
  locale?: Locale | null;

  @Field(() => String, { nullable: true, description: "The Telegram chat notices go to" })
  telegramChatId?: string | null;

  @Field(() => [DeliveryChannelEnum], { description: "Channels offered here that can reach the parent with the addresses on file" })
  availableChannels: NoticeChannel[];
}

@InputType("ChannelChoiceInput")
export class ChannelChoiceInput {
  @Field(() => NotificationKindEnum)
  kind: NotificationKind;

  @Field(() => [DeliveryChannelEnum], { description: "Replaces this kind's channels; empty: in-app only" })
  channels: NoticeChannel[];
}

@InputType("NotificationPreferencesInput", { description: "Omitted fields keep their value" })
export class NotificationPreferencesInput {
  @Field(() => [ChannelChoiceInput], { nullable: true, description: "Kinds not listed keep their channels" })
  channels?: ChannelChoiceInput[] | null;

  @Field(() => Boolean, { nullable: true })
  digest?: boolean | null;

  @Field(() => LocaleEnum, { nullable: true, description: "null: follow the profile's language" })
  locale?: Locale | null;

  @Field(() => String, { nullable: true, description: "Links a Telegram chat; null or empty unlinks it" })
  telegramChatId?: string | null;
}
