/**
 * `users.sms.code`: the users subgraph asks notifications to text a one-time code to a phone (a password
 * reset to a verified phone, or checking a phone). The code travels in the event because the SMS must carry
 * it; it is short-lived (15 minutes), single-use and stored by users only as a hash.
 */
import { z } from "zod";

export const SMS_CODE = "users.sms.code";
export const smsCodeSchema = z.object({
  userId: z.string().min(1).max(36),
  phone: z.string().regex(/^\+998\d{9}$/),
  code: z.string().regex(/^\d{6}$/),
  purpose: z.enum(["SMS_RESET", "PHONE_CHECK"]),
  locale: z.enum(["UZ_LATN", "UZ_CYRL", "RU", "EN"]),
});
export type SmsCode = z.infer<typeof smsCodeSchema>;
