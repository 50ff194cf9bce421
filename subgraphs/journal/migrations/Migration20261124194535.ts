import { Migration } from "@mikro-orm/migrations";

export class Migration20261124194535 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "revoked_sessions" ("sid" varchar(36) not null, "expires_at" timestamptz not null, constraint "revoked_sessions_pkey" primary key ("sid"));`,
    );
    this.addSql(`create index "revoked_sessions_expires_at_index" on "revoked_sessions" ("expires_at");`);
  }
}
