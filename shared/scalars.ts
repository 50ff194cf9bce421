/**
 * The contract's two scalars. Dates are calendar days in Tashkent and travel as "YYYY-MM-DD" strings
 * end to end (database included) so no time zone can shift a lesson to the day before.
 */
import { GraphQLScalarType, Kind } from "graphql";
import { BadUserInputError } from "./errors.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the string is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value))
    throw new BadUserInputError("Date", `expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "A calendar day, YYYY-MM-DD",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new BadUserInputError("DateTime", `expected an ISO-8601 instant, got ${JSON.stringify(value)}`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO-8601 instant in UTC",
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
