import { RevokedSession } from "../../../shared/auth/revoked-session.entity.js";
import { AttendanceMark } from "./attendance-mark.entity.js";
import { ClassPlace } from "./class-place.entity.js";
import { Grade } from "./grade.entity.js";
import { Lesson } from "./lesson.entity.js";
import { RosterEntry } from "./roster-entry.entity.js";
import { TeachingReplica } from "./teaching-replica.entity.js";

export { AttendanceMark, ClassPlace, Grade, Lesson, RosterEntry, TeachingReplica };
export * from "./grade.entity.js";
export * from "./attendance-mark.entity.js";
export const journalEntities = [Lesson, Grade, AttendanceMark, ClassPlace, RosterEntry, TeachingReplica, RevokedSession];
