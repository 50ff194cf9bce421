import { Migration } from "@mikro-orm/migrations";

export class Migration20261130103654 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "partner_clients" ("id" varchar(36) not null, "name" varchar(200) not null, "secret_hash" varchar(300) not null, "purposes" jsonb not null, "scope_level" text check ("scope_level" in ('MINISTRY', 'REGION', 'DISTRICT', 'SCHOOL')) not null, "scope_unit_id" varchar(36) null, "rate_per_minute" int not null, "created_by_id" varchar(36) not null, "created_at" timestamptz not null, "secret_rotated_at" timestamptz null, "secret_rotated_by_id" varchar(36) null, "revoked_at" timestamptz null, "revoked_by_id" varchar(36) null, constraint "partner_clients_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_clients_revoked_at_created_at_index" on "partner_clients" ("revoked_at", "created_at");`);
  }
}
