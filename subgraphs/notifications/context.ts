import type { BaseContext } from "../../shared/context.js";
import { createNotificationsLoaders, type NotificationsLoaders } from "./loaders/index.js";

export interface NotificationsContext extends BaseContext {
  loaders: NotificationsLoaders;
}

export const extendContext = (base: BaseContext): NotificationsContext => ({ ...base, loaders: createNotificationsLoaders(base.em) });
