/**
 * Which people have an open data request, in every subgraph: the fact behind the DPO_HANDLING relationship
 * (the data protection officer may read a person's data while handling that person's open request). The
 * users subgraph owns the requests and, in the transaction that files or decides one, writes its own row
 * and `users.data-request.opened` / `users.data-request.closed` to the outbox; the others keep the same
 * table as a replica with the consumer below. The enforcement reads it per request through one loader.
 */
import type { EntityManager } from "@mikro-orm/core";
import DataLoader from "dataloader";
import type { EventEnvelope } from "../events/bus.js";
import { consume, enqueue } from "../events/outbox.js";
import type { SubgraphDeps } from "../federation/subgraph-module.js";
import { OpenDataRequest } from "./open-data-request.entity.js";

export const DATA_REQUEST_OPENED = "users.data-request.opened";
export const DATA_REQUEST_CLOSED = "users.data-request.closed";

export interface DataRequestOpenness {
  requestId: string;
  subjectId: string;
}

/** Users subgraph, in the filing transaction: the request is open here and, through the outbox, everywhere. */
export function openDataRequest(em: EntityManager, request: DataRequestOpenness): void {
  em.persist(em.create(OpenDataRequest, { requestId: request.requestId, subjectId: request.subjectId, open: true }));
  enqueue(em, DATA_REQUEST_OPENED, { requestId: request.requestId, subjectId: request.subjectId });
}

/** Users subgraph, in the deciding transaction: the request is closed here and everywhere. */
export async function closeDataRequest(em: EntityManager, request: DataRequestOpenness): Promise<void> {
  await em.nativeUpdate(OpenDataRequest, { requestId: request.requestId }, { open: false });
  enqueue(em, DATA_REQUEST_CLOSED, { requestId: request.requestId, subjectId: request.subjectId });
}

function parse(payload: Record<string, unknown>): DataRequestOpenness | undefined {
  const { requestId, subjectId } = payload;
  return typeof requestId === "string" && typeof subjectId === "string" ? { requestId, subjectId } : undefined;
}

/** Subscribes a subgraph's replica of open data requests; `consumer` names the subgraph. */
export function replicatedOpenRequests(deps: Pick<SubgraphDeps, "orm" | "bus">, consumer: string): void {
  consume(deps.orm, deps.bus, DATA_REQUEST_OPENED, consumer, async (em, event: EventEnvelope) => {
    const opened = parse(event.payload);
    // Already known (closed by an event that overtook this one): stays as it is.
    if (opened && !(await em.findOne(OpenDataRequest, { requestId: opened.requestId }))) {
      em.persist(em.create(OpenDataRequest, { ...opened, open: true }));
    }
  });
  consume(deps.orm, deps.bus, DATA_REQUEST_CLOSED, consumer, async (em, event: EventEnvelope) => {
    const closed = parse(event.payload);
    if (closed) await em.upsert(OpenDataRequest, { ...closed, open: false });
  });
}

/** Per request: whether each subject asked about has an open data request, one statement per tick. */
export function openRequestsLoader(em: EntityManager): DataLoader<string, boolean> {
  return new DataLoader(async (subjectIds) => {
    const rows = await em.find(OpenDataRequest, { subjectId: { $in: [...subjectIds] }, open: true }, { disableIdentityMap: true });
    const open = new Set(rows.map((r) => r.subjectId));
    return subjectIds.map((id) => open.has(id));
  });
}
