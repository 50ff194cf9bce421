/**
 * The per-address sign-in throttle keys on the address the users subgraph can vouch for: X-Forwarded-For
 * only from a trusted proxy (the gateway, TRUSTED_PROXY), otherwise the socket's own peer. A client calling
 * the subgraph directly cannot spread its guesses over made-up addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeys } from "../../../shared/auth/keys.js";
import { tokenSettings } from "../../../shared/auth/tokens.js";
import { loadConfig } from "../../../shared/config.js";
import { openDatabase } from "../../../shared/db/database.js";
import { InProcessBus } from "../../../shared/events/bus.js";
import { OutboxRelay } from "../../../shared/events/outbox.js";
import type { Listening } from "../../../shared/http/serve.js";
import { startSubgraph } from "../../../shared/http/subgraph-server.js";
import { usersSubgraph } from "../../../subgraphs/users/server.js";
import type { MikroORM } from "@mikro-orm/core";
import { codesOf, PASSWORD, post, seedUsersWorld } from "../../fixtures/users.js";
import { SIGN_IN } from "../../graphql/users.js";

/** A users subgraph that trusts only a proxy at 192.0.2.10: this test's loopback calls are direct ones. */
let orm: MikroORM;
let server: Listening;
const config = loadConfig({ TRUSTED_PROXY: "192.0.2.10", SIGNIN_MAX_FAILURES: "2", SIGNIN_ADDRESS_FAILURES: "20", SIGNIN_DELAY_MS: "0" });

beforeAll(async () => {
  orm = await openDatabase({ name: "users", entities: usersSubgraph.entities, url: ":memory:" });
  await seedUsersWorld(orm);
  const bus = new InProcessBus();
  const tokens = tokenSettings(config, await generateSigningKeys());
  const runtime = usersSubgraph.createRuntime(await usersSubgraph.buildSchema(), {
    config,
    orm,
    tokens,
    bus,
    relay: new OutboxRelay(orm, bus, { source: "users" }),
  });
  server = await startSubgraph(runtime, { host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await server?.close();
  await orm?.close();
});

describe("client address of a direct call", () => {
  it("ignores a made-up X-Forwarded-For: guesses from fresh 'addresses' still lock the caller's real one", async () => {
    const limit = config.signInLock.addressFailures;
    for (let i = 0; i < limit; i++) {
      const res = await post(server.url, SIGN_IN, { login: `spray-${i}`, password: "123456" }, { "x-forwarded-for": `198.51.100.${i}` });
      expect(codesOf(res), `guess ${i}`).toEqual(["UNAUTHENTICATED"]);
    }
    const next = await post(server.url, SIGN_IN, { login: "principal", password: PASSWORD }, { "x-forwarded-for": "198.51.100.250" });
    expect(codesOf(next)).toEqual(["RATE_LIMITED"]);
  });
});
