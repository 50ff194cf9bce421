import { Migration } from "@mikro-orm/migrations";

export class Migration20261130092933 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );
  }
}
