import { Entity, OptionalProps, PrimaryKey, Property } from "@mikro-orm/core";
import type { NoticeChannel } from "../../../shared/config.js";
import type { NotificationKind } from "./notification.entity.js";
import { now } from "../../../shared/clock.js";

/** Per notice kind, the external channels a parent chose; a kind left out goes in-app only. */
export type ChannelChoices = Partial<Record<NotificationKind, NoticeChannel[]>>;

/**
 * Which channels a parent wants notices through, owned here (the notifications subgraph is the only one
 * that needs it). No row = in-app only. The digest and the notice language are the same parent's other two
 * preferences, kept on the guardian read-model (`Guardian.digest`, `Guardian.language`), which the notice
 * pipeline reads: one place for each fact.
 */
@Entity({ tableName: "notification_preferences" })
export class NotificationPreference {
  [OptionalProps]?: "channels" | "updatedAt";

  @PrimaryKey({ type: "string", length: 36 })
  recipientId: string;

  @Property({ type: "json" })
  channels: ChannelChoices = {};

  /** The Telegram chat the parent linked: personal data (contact), released to the parent only. */
  @Property({ type: "string", length: 32, nullable: true })
  telegramChatId?: string | null;

  @Property({ type: "datetime", onUpdate: () => now() })
  updatedAt: Date = now();
}
