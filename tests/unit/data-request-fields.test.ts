/**
 * The personal fields a data request may name are every personal field of a person in the composed
 * supergraph (so a new @personalData field cannot be forgotten), and a rectified value is checked like
 * the field it goes into.
 */
import { readFile } from "node:fs/promises";
import { buildSchema, getNamedType, isListType, isObjectType, getNullableType, type ConstDirectiveNode } from "graphql";
import { describe, expect, it } from "vitest";
import { normaliseValue, PERSONAL_FIELDS, RECTIFIABLE, type RectifiableField } from "../../subgraphs/users/requests/fields.js";

const personal = (directives: readonly ConstDirectiveNode[] | undefined): boolean =>
  !!directives?.some((d) => d.name.value === "personalData");

describe("PERSONAL_FIELDS", () => {
  it("is exactly the @personalData of the supergraph about a person: User's fields, personal row types and their fields", async () => {
    const schema = buildSchema(await readFile(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8"));
    const found = new Set<string>();
    const rows = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      if (personal(type.astNode?.directives)) {
        found.add(type.name);
        rows.add(type.name);
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        if (!personal(field.astNode?.directives)) continue;
        // A list of people on a class (SchoolClass.students) is the class's roster, not a field of one person.
        const aboutOnePerson = type.name === "User" || rows.has(type.name);
        if (aboutOnePerson) found.add(`${type.name}.${field.name}`);
        // A school's staff list names people through StaffMember.user.
        else
          expect(["User", "StaffMember"], `${type.name}.${field.name}`).toContain(
            isListType(getNullableType(field.type)) && getNamedType(field.type).name,
          );
      }
    }
    expect([...PERSONAL_FIELDS].sort()).toEqual([...found].sort());
  });

  it("rectification covers the profile fields users holds", () => {
    expect(Object.keys(RECTIFIABLE).sort()).toEqual(
      ["User.address", "User.birthDate", "User.email", "User.fullName", "User.gender", "User.phone", "User.pinfl"].sort(),
    );
  });
});

describe("normaliseValue", () => {
  const ok: Array<[RectifiableField, string, string]> = [
    ["User.phone", " +998 (90) 123-45-67 ", "+998901234567"],
    ["User.email", "Aziz.Usmonov@Pochta.example", "aziz.usmonov@pochta.example"],
    ["User.pinfl", "51203015120017", "51203015120017"],
    ["User.birthDate", "2015-03-01", "2015-03-01"],
    ["User.gender", "F", "F"],
    ["User.fullName", "Usmonov Aziz Sardor o‘g‘li", "Usmonov Aziz Sardor o‘g‘li"],
  ];
  it.each(ok)("%s accepts %j as %j", (field, raw, stored) => {
    expect(normaliseValue(field, raw, "value")).toBe(stored);
  });

  const bad: Array<[RectifiableField, string]> = [
    ["User.phone", "+7 912 345 67 89"],
    ["User.phone", "+99890123456"],
    ["User.email", "aziz@pochta"],
    ["User.email", "a b@pochta.example"],
    ["User.pinfl", "5120301512001"],
    ["User.pinfl", "5120301512001x"],
    ["User.birthDate", "2015-02-30"],
    ["User.birthDate", "2999-01-01"],
    ["User.gender", "X"],
    ["User.fullName", "Aziz"],
  ];
  it.each(bad)("%s refuses %j with BAD_USER_INPUT naming the argument", (field, raw) => {
    expect(() => normaliseValue(field, raw, "input.corrections[0].value")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.corrections[0].value" }) }),
    );
  });
});
