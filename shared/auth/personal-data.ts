/**
 * The @personalData directive: declared in every subgraph's SDL, composed into the supergraph with
 * @composeDirective so that clients see which fields are personal and for which purposes.
 * On a field: that field is personal data of the object's subject. On a type: every row of that type
 * is (a grade, an attendance mark), so lists of it are filtered and a lone row is withheld whole.
 */
import type { ConstDirectiveNode } from "graphql";
import { CATEGORIES, type Category } from "./policy.js";
import { isPurpose, PURPOSES, type Purpose } from "./roles.js";

export const PERSONAL_DATA_SDL = `directive @personalData(category: String!, purposes: [Purpose!]!) on FIELD_DEFINITION | OBJECT`;
export const PURPOSE_ENUM_SDL = `enum Purpose { ${PURPOSES.join(" ")} }`;

export interface PersonalDataSpec {
  category: Category;
  purposes: Purpose[];
}

/** The usage string for type-graphql's @Directive decorator. */
export function personalData(category: Category, purposes: readonly Purpose[]): string {
  return `@personalData(category: "${category}", purposes: [${purposes.join(", ")}])`;
}

/** Reads the directive from a type's or field's AST; throws on a malformed one so a typo fails at boot. */
export function readPersonalData(directives: readonly ConstDirectiveNode[] | undefined, where: string): PersonalDataSpec | undefined {
  const node = directives?.find((d) => d.name.value === "personalData");
  if (!node) return undefined;
  const category = node.arguments?.find((a) => a.name.value === "category")?.value;
  const purposes = node.arguments?.find((a) => a.name.value === "purposes")?.value;
  if (category?.kind !== "StringValue" || !CATEGORIES.includes(category.value as Category)) {
    throw new Error(`@personalData on ${where}: unknown category`);
  }
  const list = purposes?.kind === "ListValue" ? purposes.values : [];
  const names = list.map((v) => (v.kind === "EnumValue" ? v.value : ""));
  if (names.length === 0 || !names.every(isPurpose)) throw new Error(`@personalData on ${where}: purposes must be Purpose values`);
  return { category: category.value as Category, purposes: names as Purpose[] };
}
