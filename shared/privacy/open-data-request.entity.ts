import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * Whether a data request is open (filed, not yet decided). The users subgraph writes its own row with the
 * request and closes it with the decision; every other subgraph keeps a replica from
 * `users.data-request.opened` / `.closed`. While an open row names a subject, the data protection officer is
 * handling that person's request and may read their data (shared/auth/relationships.ts, DPO_HANDLING).
 * A closed row stays, so a late "opened" (events may arrive out of order) cannot reopen it.
 */
@Entity({ tableName: "open_data_requests" })
export class OpenDataRequest {
  @PrimaryKey({ type: "string", length: 36 })
  requestId: string;

  @Index()
  @Property({ type: "string", length: 36 })
  subjectId: string;

  @Property({ type: "boolean" })
  open: boolean;
}
