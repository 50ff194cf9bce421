import type { BaseContext } from "../../shared/context.js";
import type { NoticeChannel } from "../../shared/config.js";
import { createNotificationsLoaders, type NotificationsLoaders } from "./loaders/index.js";

export interface NotificationsContext extends BaseContext {
  loaders: NotificationsLoaders;
  /** External channels switched on in this process (a provider URL is configured). */
  channels: readonly NoticeChannel[];
}

export const notificationsContext =
  (channels: readonly NoticeChannel[]) =>
  (base: BaseContext): NotificationsContext => ({ ...base, loaders: createNotificationsLoaders(base.em), channels });
