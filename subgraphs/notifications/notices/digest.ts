/**
 * The daily digest: for each guardian, the notices that waited for it (inDigest, due) become one
 * DIGEST notice, which is what the channels push. Safe to run in several processes at once: a notice is
 * claimed (digestedInto set) in the transaction that writes its digest, a second run claims nothing, and
 * the digest's source id is derived from the notices it carries, so the same set can never give two digests.
 */
import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { tashkentDay } from "../../../shared/days.js";
import { localName } from "../../../shared/i18n/names.js";
import { Notification, StudentName } from "../entities/index.js";
import { recipientLocales } from "../guardians/read-model.js";
import { digestText } from "../templates/digest.js";
import type { NoticePipeline } from "./pipeline.js";

/** At most this many waiting notices per run; a larger backlog is taken on the next runs. */
const BATCH = 5000;

/** A stable UUID-shaped id of a set of notices (the digest's sourceEventId). */
function digestSource(recipientId: string, noticeIds: readonly string[]): string {
  const hex = createHash("sha256")
    .update(`digest\u0000${recipientId}\u0000${[...noticeIds].sort().join(",")}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

class AlreadyTaken extends Error {}

/** Composes every digest that is due; resolves with how many DIGEST notices it wrote. */
export async function composeDigests(em: EntityManager, pipeline: NoticePipeline): Promise<number> {
  const now = pipeline.now();
  const due = await em
    .fork()
    .find(
      Notification,
      { inDigest: true, digestedInto: null, deliverAfter: { $lte: now } },
      { orderBy: { recipientId: "asc", createdAt: "asc", id: "asc" }, limit: BATCH },
    );
  const byRecipient = new Map<string, Notification[]>();
  for (const notice of due) byRecipient.set(notice.recipientId, [...(byRecipient.get(notice.recipientId) ?? []), notice]);

  let written = 0;
  for (const [recipientId, notices] of byRecipient) {
    try {
      await em.fork().transactional(async (tx) => {
        const digestId = randomUUID();
        const ids = notices.map((n) => n.id);
        const claimed = await tx.nativeUpdate(Notification, { id: { $in: ids }, digestedInto: null }, { digestedInto: digestId });
        // Another run got (some of) them first: leave the rest to a later run, which sees the true set.
        if (claimed !== ids.length) throw new AlreadyTaken();
        const locale = (await recipientLocales(tx, [recipientId])).get(recipientId) ?? "UZ_LATN";
        const studentIds = [...new Set(notices.map((n) => n.studentId).filter((id): id is string => !!id))];
        const names = new Map((await tx.find(StudentName, { studentId: { $in: studentIds } })).map((r) => [r.studentId, r]));
        const entries = notices.map((n) => {
          const name = n.studentId ? names.get(n.studentId) : undefined;
          return { child: name ? localName({ latn: name.latn, cyrl: name.cyrl }, locale) : "", title: n.title };
        });
        const { title, body } = digestText(locale, tashkentDay(now), entries);
        const digest = tx.create(Notification, {
          id: digestId,
          recipientId,
          studentId: null,
          kind: "DIGEST",
          title,
          body,
          sourceEventId: digestSource(recipientId, ids),
          createdAt: now,
          deliverAfter: now,
          inDigest: false,
        });
        tx.persist(digest);
        await pipeline.hooks.noticesCreated(tx, [digest]);
      });
      written += 1;
    } catch (error) {
      if (!(error instanceof AlreadyTaken)) throw error;
    }
  }
  return written;
}
