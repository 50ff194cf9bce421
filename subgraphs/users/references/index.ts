/** `__resolveReference` for every entity this subgraph can resolve by key. */
import type { ReferenceResolver } from "../../../shared/federation/build-subgraph.js";
import { isId } from "../../../shared/ids.js";
import { authoriseReport } from "../../../shared/privacy/report-access.js";
import type { UsersContext } from "../context.js";

type Ref = { id: string };

export const usersReferences: Record<string, ReferenceResolver<UsersContext>> = {
  // Personal fields are guarded by the directive; an unknown or malformed id is simply null.
  User: (ref: Ref, ctx) => (isId(ref.id) ? ctx.loaders.user.load(ref.id.toLowerCase()) : null),
  // The gateway brings the other subgraphs' parts back here (@requires); the reader is checked again.
  PersonalDataReport: async (ref: Record<string, unknown> & { subjectId: string }, ctx) => ({
    ...ref,
    subjectId: await authoriseReport(ctx, ref.subjectId, "PersonalDataReport"),
  }),
};
