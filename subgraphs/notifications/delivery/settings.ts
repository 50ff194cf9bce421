import { NOTICE_CHANNELS, type DeliveryConfig, type NoticeChannel } from "../../../shared/config.js";

/** The channels switched on in this process: those with a provider URL. */
export const enabledChannels = (delivery: DeliveryConfig): NoticeChannel[] => NOTICE_CHANNELS.filter((c) => !!delivery.providers[c]);
