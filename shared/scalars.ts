/**
 * The contract's two scalars. Dates are calendar days in Tashkent and travel as "YYYY-MM-DD" strings
 * end to end (database included) so no time zone can shift a lesson to the day before.
 */
import { GraphQLScalarType, Kind } from "graphql";
import { BadUserInputError } from "./errors.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** RFC 3339 / ISO-8601 instant with a time zone: 2026-11-16T08:30:00Z, 2026-11-16T13:30:00.000+05:00. */
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether the string is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** What the client sent, short and printable, for the message (never the whole of a long string). */
const shown = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === undefined ? "a value that is not a string" : String(value).slice(0, 40);
};

/**
 * Bad input is the client's mistake: BAD_USER_INPUT naming the scalar, for a literal in the document and
 * for a variable alike (formatClientError labels a literal's validation failure with this code too).
 */
function parseDate(value: unknown): string {
  if (typeof value === "string" && isIsoDate(value)) return value;
  const detail =
    typeof value === "string" && DATE_RE.test(value)
      ? `${shown(value)} is not a calendar date`
      : `expected a calendar date as YYYY-MM-DD, got ${shown(value)}`;
  throw new BadUserInputError("Date", detail);
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "A calendar day, YYYY-MM-DD",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const m = typeof value === "string" ? DATE_TIME_RE.exec(value) : null;
  const date = m ? new Date(value as string) : undefined;
  const valid =
    m && date && !Number.isNaN(date.getTime()) && isIsoDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
  if (!valid) throw new BadUserInputError("DateTime", `expected an ISO-8601 instant such as 2026-11-16T08:30:00Z, got ${shown(value)}`);
  return date!;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An ISO-8601 instant in UTC",
  // Output is ours (a Date, or a driver's timestamp string): lenient here, strict on input.
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${shown(value)}`);
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
