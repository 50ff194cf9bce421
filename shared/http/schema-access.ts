/**
 * Who may read a subgraph's schema. With introspection on (embedded mode) anyone may; with it off, only the
 * gateway, which proves itself with the shared secret (config.gatewaySecret) in X-Gateway-Secret. A client
 * that reaches a subgraph around the gateway then learns nothing of its schema from `__schema`, `__type` or
 * `_service { sdl }` (the SDL would name every @inaccessible field and internal type).
 */
import { timingSafeEqual } from "node:crypto";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { Kind, visit, type DocumentNode } from "graphql";
import type { Config } from "../config.js";
import { ForbiddenError } from "../errors.js";

export const GATEWAY_SECRET_HEADER = "x-gateway-secret";

const SCHEMA_FIELDS = new Set(["__schema", "__type", "_service"]);

export interface SchemaAccess {
  /** Introspection on for everyone (config.introspection). */
  open: boolean;
  /** The secret the gateway sends; unset: nobody may introspect a closed subgraph. */
  gatewaySecret?: string;
}

export const schemaAccessOf = (config: Pick<Config, "introspection" | "gatewaySecret">): SchemaAccess => ({
  open: config.introspection,
  gatewaySecret: config.gatewaySecret,
});

function asksForSchema(document: DocumentNode): boolean {
  let asks = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (SCHEMA_FIELDS.has(node.name.value)) asks = true;
    },
  });
  return asks;
}

function isGatewaySecret(given: string | undefined, secret: string | undefined): boolean {
  if (!given || !secret) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses schema reads (FORBIDDEN) from anyone but the gateway while introspection is off. */
export function schemaAccessPlugin<C extends BaseContext>(access: SchemaAccess): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (access.open || !asksForSchema(document)) return;
          if (isGatewaySecret(request.http?.headers.get(GATEWAY_SECRET_HEADER), access.gatewaySecret)) return;
          throw new ForbiddenError("Schema introspection is off: only the gateway may read this subgraph's schema", 403);
        },
      };
    },
  };
}
