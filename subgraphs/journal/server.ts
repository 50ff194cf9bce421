import { replicatedRevocation } from "../../shared/auth/revocations.js";
import { replicatedBlocks } from "../../shared/privacy/blocks.js";
import { replicatedOpenRequests } from "../../shared/privacy/open-requests.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { keepRetention } from "../../shared/privacy/retention.js";
import { journalContext, type JournalContext } from "./context.js";
import { journalEntities } from "./entities/index.js";
import { followSchoolYears } from "./events/school-year-consumer.js";
import { registerInstitutionsConsumers } from "./events/institutions-consumers.js";
import { LessonGenerationJob } from "./jobs/lesson-generation.job.js";
import { journalMigrations } from "./migrations/index.js";
import { journalPrivacy } from "./privacy/index.js";
import { buildJournalSchema } from "./schema.js";

export const journalSubgraph: SubgraphModule<JournalContext> = {
  name: "journal",
  entities: journalEntities,
  migrations: journalMigrations,
  privacy: journalPrivacy,
  buildSchema: buildJournalSchema,
  createRuntime: (built, deps) => {
    replicatedBlocks(deps, "journal");
    followSchoolYears(deps);
    registerInstitutionsConsumers(deps);
    replicatedOpenRequests(deps, "journal");
    return {
      name: "journal",
      schema: built.schema,
      orm: deps.orm,
      // The gateway's address: its X-Request-Id is the audit key (and its X-Forwarded-For believed).
      trustedProxies: deps.config.trustedProxies,
      tokens: replicatedRevocation(deps, "journal"),
      extendContext: journalContext({
        relay: deps.relay,
        minCellSize: deps.config.reportMinCellSize,
        lockDaysAfterTerm: deps.config.journal.lockDaysAfterTerm,
        substituteDays: deps.config.journal.substituteDays,
      }),
      jobs: [
        keepRetention(deps, "journal", journalPrivacy),
        new LessonGenerationJob(deps.orm, deps.config.lessonGeneration.intervalMinutes),
      ],
    };
  },
};
