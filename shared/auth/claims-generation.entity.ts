import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * How many times the facts behind a person's token claims (guardianships, enrolments, employment, teaching,
 * homeroom) have changed. The users subgraph owns the count and raises it in the transaction of the change;
 * every other subgraph keeps a replica from `users.claims.changed`. An access token carries the count it was
 * computed at (`gen`): one below the count here was computed from relationships that no longer hold.
 */
@Entity({ tableName: "claims_generations" })
export class ClaimsGeneration {
  @PrimaryKey({ type: "string", length: 36 })
  userId: string;

  @Property({ type: "integer" })
  generation: number;
}
