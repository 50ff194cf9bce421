import { Migration } from "@mikro-orm/migrations";

export class Migration20261130111132 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );

    this.addSql(
      `create table "retention_schedule" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "reason" varchar(20) not null, "due_on" varchar(10) not null, "created_at" timestamptz not null, "done_at" timestamptz null, "outcome" jsonb null, constraint "retention_schedule_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "retention_schedule_done_at_due_on_index" on "retention_schedule" ("done_at", "due_on");`);
    this.addSql(
      `alter table "retention_schedule" add constraint "retention_schedule_subject_id_reason_unique" unique ("subject_id", "reason");`,
    );

    this.addSql(
      `alter table "access_records" add column "recipient" varchar(200) null, add column "restricted" boolean not null default false;`,
    );
  }
}
