import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import type { NotificationKind } from "./notification.entity.js";

/** Per notice kind, the external channels a parent chose; a kind left out goes in-app only. */
export type ChannelChoices = Partial<Record<NotificationKind, NoticeChannel[]>>;

/**
 * How a parent wants to hear about notices, owned here (the notifications subgraph is the only one that
 * needs it). No row = the defaults: in-app only, no digest, notices in the profile's language.
 */
@Entity({ tableName: "notification_preferences" })
export class NotificationPreference {
  [OptionalProps]?: "channels" | "digest" | "updatedAt";

  @PrimaryKey({ type: "string", length: 36 })
  recipientId: string;

  @Property({ type: "json" })
  channels: ChannelChoices = {};

  /** One notice a day summing up the day's non-urgent ones (the pipeline builds it). */
  @Property({ type: "boolean" })
  digest: boolean = false;

  /** The language notices are written in; null: the language of the person's profile. */
  @Property({ type: "string", length: 10, nullable: true })
  locale?: string | null;

  /** The Telegram chat the parent linked: personal data (contact), released to the parent only. */
  @Property({ type: "string", length: 32, nullable: true })
  telegramChatId?: string | null;

  @Property({ type: "datetime", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
