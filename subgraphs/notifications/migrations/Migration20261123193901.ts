import { Migration } from "@mikro-orm/migrations";

export class Migration20261123193901 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_records" ("id" varchar(36) not null, "accessor_id" varchar(36) not null, "accessor_role" varchar(32) not null, "purpose" varchar(32) not null, "subject_id" varchar(36) not null, "fields" text not null, "released" boolean not null, "reason" varchar(32) null, "legal_basis" varchar(200) null, "request_id" varchar(64) not null, "at" timestamptz not null, constraint "access_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "access_records_subject_id_at_index" on "access_records" ("subject_id", "at");`);

    this.addSql(
      `create table "guardian_links" ("id" varchar(36) not null, "student_id" varchar(36) not null, "guardian_id" varchar(36) not null, "locale" varchar(10) not null default 'UZ_LATN', "notify" boolean not null default true, constraint "guardian_links_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "guardian_links_student_id_index" on "guardian_links" ("student_id");`);
    this.addSql(
      `alter table "guardian_links" add constraint "guardian_links_student_id_guardian_id_unique" unique ("student_id", "guardian_id");`,
    );

    this.addSql(
      `create table "notifications" ("id" varchar(36) not null, "recipient_id" varchar(36) not null, "student_id" varchar(36) null, "kind" varchar(20) not null, "title" varchar(300) not null, "body" text not null, "source_event_id" varchar(36) not null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "notifications_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "notifications_recipient_id_created_at_index" on "notifications" ("recipient_id", "created_at");`);
    this.addSql(
      `alter table "notifications" add constraint "notifications_source_event_id_recipient_id_unique" unique ("source_event_id", "recipient_id");`,
    );

    this.addSql(
      `create table "outbox_events" ("id" varchar(36) not null, "seq" double precision not null, "topic" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, constraint "outbox_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_published_at_seq_index" on "outbox_events" ("published_at", "seq");`);

    this.addSql(
      `create table "processed_events" ("event_id" varchar(36) not null, "consumer" varchar(100) not null, "processed_at" timestamptz not null, constraint "processed_events_pkey" primary key ("event_id", "consumer"));`,
    );
  }
}
