/**
 * Anonymisation of one person in the journal. Marks and attendance are the statistics the policy keeps:
 * their rows stay with values, statuses and dates, and so do the rows of their history. What a teacher
 * wrote about the person goes (a mark's comment, an absence's reason, the notes and removal reasons in the history, the text
 * of a message to the parents, in the journal and in the copy its outbox keeps of the published event),
 * and every sensitive status (ILLNESS, health data; the social codes, family
 * circumstances) becomes the excused absence it falls under for everyone without the sensitive category,
 * so attendance counts survive and no diagnosis or family matter does. A teacher's id on lessons and on the
 * marks they recorded is no more than an id: nothing to do.
 */
import type { EntityManager, FilterQuery } from "@mikro-orm/core";
import { OutboxEvent } from "../../../shared/events/outbox-event.entity.js";
import type { TableCounts } from "../../../shared/privacy/subgraph-privacy.js";
import { AttendanceMark, GENERAL_STATUS, Grade, JournalChange, ParentMessage, SENSITIVE_STATUSES } from "../entities/index.js";
import { MESSAGE_SENT } from "../events/published.js";

const sensitive = { $in: [...SENSITIVE_STATUSES] };

export async function anonymise(em: EntityManager, subjectId: string): Promise<TableCounts> {
  const grades = await em.nativeUpdate(Grade, { studentId: subjectId, comment: { $ne: null } }, { comment: null });
  let attendance = await em.nativeUpdate(
    AttendanceMark,
    { studentId: subjectId, status: sensitive },
    { status: GENERAL_STATUS, reason: null },
  );
  attendance += await em.nativeUpdate(AttendanceMark, { studentId: subjectId, reason: { $ne: null } }, { reason: null });
  let history = await em.nativeUpdate(JournalChange, { studentId: subjectId, oldValue: sensitive }, { oldValue: GENERAL_STATUS });
  history += await em.nativeUpdate(JournalChange, { studentId: subjectId, newValue: sensitive }, { newValue: GENERAL_STATUS });
  history += await em.nativeUpdate(
    JournalChange,
    { studentId: subjectId, $or: [{ oldNote: { $ne: null } }, { newNote: { $ne: null } }, { reason: { $ne: null } }] },
    { oldNote: null, newNote: null, reason: null },
  );
  const messages = await em.nativeUpdate(ParentMessage, { studentId: subjectId, text: { $ne: null } }, { text: null });
  // The outbox keeps what it published: the text of a message goes from there too (the caller flushes).
  const sent = await em.find(OutboxEvent, { topic: MESSAGE_SENT, payload: { studentId: subjectId } } as FilterQuery<OutboxEvent>);
  const scrubbed = sent.filter((event) => event.payload.text !== null);
  for (const event of scrubbed) event.payload = { ...event.payload, text: null };
  return {
    grades,
    attendance_marks: attendance,
    journal_changes: history,
    parent_messages: messages,
    outbox_events: scrubbed.length,
  };
}
