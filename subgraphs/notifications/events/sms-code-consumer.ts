/**
 * Texts the one-time codes the users subgraph asks for (`users.sms.code`) through the SMS provider adapter.
 * One attempt, no delivery row: a code lives 15 minutes and the person can ask again, and nothing of it
 * (neither the phone nor the code) is kept here. Without an SMS provider configured nothing is sent.
 */
import type { MikroORM } from "@mikro-orm/core";
import type { DeliveryConfig } from "../../../shared/config.js";
import { SMS_CODE, smsCodeSchema, type SmsCode } from "../../../shared/events/contracts/users-sms.js";
import type { EventBus } from "../../../shared/events/bus.js";
import { consume } from "../../../shared/events/outbox.js";
import { parsePayload } from "../../../shared/events/contracts/institutions.js";
import { sendToProvider } from "../channels/http-provider.js";
import { providerMessage } from "../channels/messages.js";

const TEXTS: Record<SmsCode["locale"], Record<SmsCode["purpose"], (code: string) => string>> = {
  UZ_LATN: {
    SMS_RESET: (c) => `eMaktab: parolni tiklash kodi ${c}. 15 daqiqa amal qiladi. Hech kimga aytmang.`,
    PHONE_CHECK: (c) => `eMaktab: telefonni tasdiqlash kodi ${c}.`,
  },
  UZ_CYRL: {
    SMS_RESET: (c) => `eMaktab: паролни тиклаш коди ${c}. 15 дақиқа амал қилади. Ҳеч кимга айтманг.`,
    PHONE_CHECK: (c) => `eMaktab: телефонни тасдиқлаш коди ${c}.`,
  },
  RU: {
    SMS_RESET: (c) => `eMaktab: код для сброса пароля ${c}. Действует 15 минут. Никому не сообщайте.`,
    PHONE_CHECK: (c) => `eMaktab: код подтверждения телефона ${c}.`,
  },
  EN: {
    SMS_RESET: (c) => `eMaktab: your password reset code is ${c}. Valid for 15 minutes. Do not share it.`,
    PHONE_CHECK: (c) => `eMaktab: your phone confirmation code is ${c}.`,
  },
};

export function registerSmsCodeConsumer(orm: MikroORM, bus: EventBus, delivery: DeliveryConfig): void {
  consume(orm, bus, SMS_CODE, "notifications", async (_em, event) => {
    const sms = parsePayload(smsCodeSchema, event.payload);
    const endpoint = delivery.providers.SMS;
    if (!sms || !endpoint) return;
    const reference = `code-${event.id}`;
    const message = providerMessage("SMS", sms.phone, { title: "eMaktab", body: TEXTS[sms.locale][sms.purpose](sms.code) }, reference);
    // The outcome is not retried: the person sees no SMS and asks again.
    await sendToProvider(endpoint, message, reference, delivery.timeoutMs);
  });
}
