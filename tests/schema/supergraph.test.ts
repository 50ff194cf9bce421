import { readFile } from "node:fs/promises";
import { buildSchema, getNamedType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "../../scripts/lib/compose.js";
import { contractDiff } from "./contract-diff.js";

const read = (file: string): Promise<string> => readFile(new URL(`../../schema/${file}`, import.meta.url), "utf8");

describe("supergraph", () => {
  it("is what `npm run compose` produces from the code (committed files are not stale)", async () => {
    const { subgraphs, supergraph } = await composeSupergraph();
    for (const [name, sdl] of Object.entries(subgraphs)) {
      expect(await read(`${name}.graphql`), `schema/${name}.graphql is stale: run npm run compose`).toBe(sdl);
    }
    expect(await read("supergraph.graphql"), "schema/supergraph.graphql is stale: run npm run compose").toBe(supergraph);
  });

  it("contains the whole public contract (schema/contract.graphql)", async () => {
    // The contract shows @key without defining it; it is a document to compare against, not a schema to serve.
    const contract = buildSchema(await read("contract.graphql"), { assumeValidSDL: true });
    const actual = buildSchema(await read("supergraph.graphql"));
    expect(contractDiff(contract, actual)).toEqual([]);
  });

  it("the contract check itself notices a missing field and a changed nullability", async () => {
    const contract = buildSchema("type Query { a: String! b(x: Int): Int }");
    const actual = buildSchema("type Query { a: String c: Int }");
    expect(contractDiff(contract, actual)).toEqual(["Query.a is String, contract says String!", "missing field Query.b"]);
  });

  it("publishes @personalData on every personal field of User", async () => {
    const sdl = await read("supergraph.graphql");
    const schema = buildSchema(sdl);
    const user = schema.getType("User");
    expect(isObjectType(user)).toBe(true);
    const personal = ["fullName", "birthDate", "phone", "email", "pinfl", "children", "guardians", "school", "schoolClass", "grades", "attendance", "notifications"];
    if (!isObjectType(user)) return;
    for (const name of personal) {
      const field = user.getFields()[name];
      expect(field?.astNode?.directives?.some((d) => d.name.value === "personalData"), `User.${name}`).toBe(true);
    }
    for (const row of ["Grade", "AttendanceMark", "Notification"]) {
      const type = schema.getType(row);
      expect(type?.astNode && "directives" in type.astNode && type.astNode.directives?.some((d) => d.name.value === "personalData"), row).toBe(true);
      expect(getNamedType(type!).name).toBe(row);
    }
  });
});
