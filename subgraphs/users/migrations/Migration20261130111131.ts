import { Migration } from "@mikro-orm/migrations";

export class Migration20261130111131 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );

    this.addSql(
      `create table "consents" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "kind" text check ("kind" in ('USER_AGREEMENT', 'PRIVACY_POLICY', 'PARENT_NOTIFICATIONS')) not null, "version" varchar(32) not null, "given_by_id" varchar(36) not null, "given_by_relation" text check ("given_by_relation" in ('SELF', 'GUARDIAN')) not null, "given_at" timestamptz not null, "withdrawn_at" timestamptz null, "withdrawn_by_id" varchar(36) null, "in_force_key" varchar(64) null, constraint "consents_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "consents" add constraint "consents_in_force_key_unique" unique ("in_force_key");`);
    this.addSql(`create index "consents_subject_id_given_at_index" on "consents" ("subject_id", "given_at");`);

    this.addSql(
      `create table "correction_messages" ("id" varchar(36) not null, "data_request_id" varchar(36) not null, "subject_id" varchar(36) not null, "recipient" varchar(200) not null, "basis" varchar(200) not null, "fields" text not null, "at" timestamptz not null, constraint "correction_messages_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "correction_messages_subject_id_at_index" on "correction_messages" ("subject_id", "at");`);

    this.addSql(
      `create table "data_requests" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "kind" text check ("kind" in ('RECTIFICATION', 'BLOCKING', 'UNBLOCKING', 'ERASURE')) not null, "fields" jsonb not null, "reason" text check ("reason" in ('INCOMPLETE', 'OUTDATED', 'UNRELIABLE', 'UNLAWFULLY_OBTAINED', 'NOT_NEEDED')) null, "corrections" jsonb null, "filed_by_id" varchar(36) not null, "filed_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'GRANTED', 'REFUSED')) not null default 'PENDING', "decided_by_id" varchar(36) null, "decided_at" timestamptz null, "decision_note" text null, constraint "data_requests_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "data_requests_status_filed_at_index" on "data_requests" ("status", "filed_at");`);
    this.addSql(`create index "data_requests_subject_id_filed_at_index" on "data_requests" ("subject_id", "filed_at");`);

    this.addSql(
      `create table "data_request_steps" ("id" varchar(36) not null, "request_id" varchar(36) not null, "seq" double precision not null, "kind" text check ("kind" in ('FILED', 'GRANTED', 'REFUSED', 'APPLIED', 'PUBLISHED', 'RECIPIENTS_NOTIFIED', 'EXTERNAL_RECIPIENT_MESSAGED')) not null, "actor_id" varchar(36) null, "detail" text null, "at" timestamptz not null, constraint "data_request_steps_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "data_request_steps_request_id_seq_index" on "data_request_steps" ("request_id", "seq");`);

    this.addSql(
      `create table "partner_clients" ("id" varchar(36) not null, "name" varchar(200) not null, "secret_hash" varchar(300) not null, "purposes" jsonb not null, "scope_level" text check ("scope_level" in ('MINISTRY', 'REGION', 'DISTRICT', 'SCHOOL')) not null, "scope_unit_id" varchar(36) null, "rate_per_minute" int not null, "created_by_id" varchar(36) not null, "created_at" timestamptz not null, "secret_rotated_at" timestamptz null, "secret_rotated_by_id" varchar(36) null, "revoked_at" timestamptz null, "revoked_by_id" varchar(36) null, constraint "partner_clients_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_clients_revoked_at_created_at_index" on "partner_clients" ("revoked_at", "created_at");`);

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
