/**
 * Date and DateTime refuse bad input with BAD_USER_INPUT and a message naming the scalar, whether the
 * value is written in the document (a literal, refused at validation) or passed as a variable.
 */
import { ApolloServer } from "@apollo/server";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatClientError, localizeErrorsPlugin } from "../../shared/http/error-format.js";
import type { Locale } from "../../shared/i18n/locale.js";
import { DateScalar, DateTimeScalar, isIsoDate } from "../../shared/scalars.js";

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      day: { type: GraphQLString, args: { d: { type: DateScalar } }, resolve: (_, { d }) => `day ${d}` },
      instant: {
        type: GraphQLString,
        args: { t: { type: DateTimeScalar } },
        resolve: (_, { t }) => `instant ${(t as Date).toISOString()}`,
      },
    },
  }),
});

let server: ApolloServer;
beforeAll(async () => {
  server = new ApolloServer({ schema, formatError: formatClientError, includeStacktraceInErrorResponses: false });
  await server.start();
});
afterAll(async () => {
  await server?.stop();
});

async function run(query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { status: response.http.status, ...response.body.singleResult };
}

const BAD_DATES = ["2026-11-16' OR 1=1--", "2026-13-45", "2026-02-30", "16.11.2026", "2026-11-16T00:00:00Z", ""];
const BAD_INSTANTS = ["2026-11-16' OR 1=1--", "2026-13-45T00:00:00Z", "2026-11-16", "5", "2026-11-16T25:00:00Z", "yesterday"];

describe("Date", () => {
  it("accepts real calendar days", async () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect((await run(`{ day(d: "2026-11-16") }`)).data).toEqual({ day: "day 2026-11-16" });
    expect((await run(`query($d: Date) { day(d: $d) }`, { d: "2026-11-16" })).data).toEqual({ day: "day 2026-11-16" });
  });

  it.each(BAD_DATES)("refuses %j as a literal with BAD_USER_INPUT", async (value) => {
    const res = await run(`{ day(d: ${JSON.stringify(value)}) }`);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.extensions).toMatchObject({ field: "Date" });
    expect(res.errors![0]!.message).toMatch(/^Date: .*(YYYY-MM-DD|not a calendar date)/);
    expect(res.status).toBe(400);
  });

  it.each(BAD_DATES)("refuses %j as a variable with BAD_USER_INPUT", async (value) => {
    const res = await run(`query($d: Date) { day(d: $d) }`, { d: value });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors![0]!.message).toMatch(/Date: .*(YYYY-MM-DD|not a calendar date)/);
    expect(res.data ?? undefined).toBeUndefined();
  });

  it("refuses a number and an object too", async () => {
    for (const [query, variables] of [
      [`{ day(d: 20261116) }`, undefined],
      [`query($d: Date) { day(d: $d) }`, { d: 20261116 }],
      [`query($d: Date) { day(d: $d) }`, { d: { year: 2026 } }],
    ] as const) {
      const res = await run(query, variables);
      expect(
        res.errors?.map((e) => e.extensions?.code),
        query,
      ).toEqual(["BAD_USER_INPUT"]);
    }
  });
});

describe("DateTime", () => {
  it("accepts ISO-8601 instants with a zone", async () => {
    expect((await run(`{ instant(t: "2026-11-16T13:30:00+05:00") }`)).data).toEqual({ instant: "instant 2026-11-16T08:30:00.000Z" });
    expect((await run(`query($t: DateTime) { instant(t: $t) }`, { t: "2026-11-16T08:30:00.123Z" })).data).toEqual({
      instant: "instant 2026-11-16T08:30:00.123Z",
    });
  });

  it.each(BAD_INSTANTS)("refuses %j as a literal and as a variable with BAD_USER_INPUT", async (value) => {
    const literal = await run(`{ instant(t: ${JSON.stringify(value)}) }`);
    const variable = await run(`query($t: DateTime) { instant(t: $t) }`, { t: value });
    for (const res of [literal, variable]) {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors![0]!.message).toMatch(/DateTime: expected an ISO-8601 instant/);
    }
  });
});

describe("what the client reads", () => {
  it("the catalog's headline with the scalar and a short excerpt of the value, however long it was", async () => {
    const localized = new ApolloServer<{ locale: Locale }>({
      schema,
      formatError: formatClientError,
      plugins: [localizeErrorsPlugin<{ locale: Locale }>()],
    });
    await localized.start();
    try {
      for (const [query, variables] of [
        [`query($d: Date) { day(d: $d) }`, { d: "x".repeat(5000) }],
        [`{ day(d: "${"x".repeat(5000)}") }`, undefined],
      ] as const) {
        const response = await localized.executeOperation({ query, variables }, { contextValue: { locale: "EN" } });
        if (response.body.kind !== "single") throw new Error("expected a single result");
        const [error] = response.body.singleResult.errors ?? [];
        expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(error?.message).toMatch(/^Invalid input \(Date, expected a calendar date as YYYY-MM-DD, got "x{40}…"\)$/);
        expect(error!.message.length).toBeLessThan(120);
      }
    } finally {
      await localized.stop();
    }
  });
});
