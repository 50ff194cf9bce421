import { replicatedRevocation } from "../../shared/auth/revocations.js";
import { replicatedBlocks } from "../../shared/privacy/blocks.js";
import { replicatedOpenRequests } from "../../shared/privacy/open-requests.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { keepRetention } from "../../shared/privacy/retention.js";
import { notificationsContext, type NotificationsContext } from "./context.js";
import { enabledChannels } from "./delivery/settings.js";
import { planDeliveriesOnCreated } from "./delivery/notice-hook.js";
import { DeliveryWorker } from "./delivery/worker.js";
import { notificationsEntities } from "./entities/index.js";
import { registerConsentConsumers } from "./events/consent-consumers.js";
import { registerGuardianConsumers } from "./events/guardian-consumers.js";
import { registerJournalConsumers } from "./events/journal-consumers.js";
import { registerUsersConsumers } from "./events/users-consumers.js";
import { notificationsMigrations } from "./migrations/index.js";
import { DigestJob } from "./notices/digest-job.js";
import { noticePipeline } from "./notices/pipeline.js";
import { notificationsPrivacy } from "./privacy/index.js";
import { buildNotificationsSchema } from "./schema.js";
import { registerSmsCodeConsumer } from "./events/sms-code-consumer.js";

export const notificationsSubgraph: SubgraphModule<NotificationsContext> = {
  name: "notifications",
  entities: notificationsEntities,
  migrations: notificationsMigrations,
  privacy: notificationsPrivacy,
  buildSchema: buildNotificationsSchema,
  createRuntime: (built, deps) => {
    const pipeline = noticePipeline(deps.config.notices);
    // Channels with a provider URL; deliveries are planned only through these.
    const channels = enabledChannels(deps.config.delivery);
    // Every notice the pipeline writes (the digest included) is planned for delivery in the same transaction.
    pipeline.hooks.onCreated(planDeliveriesOnCreated(channels));
    registerGuardianConsumers(deps.orm, deps.bus);
    registerJournalConsumers(deps.orm, deps.bus, pipeline);
    registerUsersConsumers(deps.orm, deps.bus, pipeline);
    replicatedBlocks(deps, "notifications");
    replicatedOpenRequests(deps, "notifications");
    registerConsentConsumers(deps.orm, deps.bus);
    registerSmsCodeConsumer(deps.orm, deps.bus, deps.config.delivery);
    return {
      name: "notifications",
      schema: built.schema,
      orm: deps.orm,
      // The gateway's address: its X-Request-Id is the audit key (and its X-Forwarded-For believed).
      trustedProxies: deps.config.trustedProxies,
      tokens: replicatedRevocation(deps, "notifications"),
      extendContext: notificationsContext(channels),
      jobs: [
        keepRetention(deps, "notifications", notificationsPrivacy),
        new DigestJob(deps.orm, pipeline),
        new DeliveryWorker(deps.orm, deps.config.delivery),
      ],
    };
  },
};
