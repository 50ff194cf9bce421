import { Migration } from "@mikro-orm/migrations";

export class Migration20261123193900 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_records" ("id" varchar(36) not null, "accessor_id" varchar(36) not null, "accessor_role" varchar(32) not null, "purpose" varchar(32) not null, "subject_id" varchar(36) not null, "fields" text not null, "released" boolean not null, "reason" varchar(32) null, "legal_basis" varchar(200) null, "request_id" varchar(64) not null, "at" timestamptz not null, constraint "access_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "access_records_subject_id_at_index" on "access_records" ("subject_id", "at");`);

    this.addSql(
      `create table "attendance_marks" ("id" varchar(36) not null, "lesson_id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, "date" varchar(10) not null, "status" text check ("status" in ('PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ILLNESS', 'LATE')) not null, "reason" varchar(500) null, "recorded_by_id" varchar(36) null, "recorded_at" timestamptz not null, constraint "attendance_marks_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "attendance_marks_student_id_date_index" on "attendance_marks" ("student_id", "date");`);
    this.addSql(
      `alter table "attendance_marks" add constraint "attendance_marks_lesson_id_student_id_unique" unique ("lesson_id", "student_id");`,
    );

    this.addSql(
      `create table "class_places" ("class_id" varchar(36) not null, "school_id" varchar(36) not null, "district_id" varchar(36) not null, "region_id" varchar(36) not null, "grade_level" int not null, "homeroom_teacher_id" varchar(36) null, constraint "class_places_pkey" primary key ("class_id"));`,
    );

    this.addSql(
      `create table "grades" ("id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, "lesson_id" varchar(36) null, "kind" text check ("kind" in ('CURRENT', 'INTERMEDIATE', 'QUARTER', 'ANNUAL')) not null, "value" int not null, "date" varchar(10) not null, "comment" varchar(500) null, "recorded_by_id" varchar(36) null, "recorded_at" timestamptz not null, constraint "grades_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "grades_lesson_id_index" on "grades" ("lesson_id");`);
    this.addSql(`create index "grades_class_id_subject_id_date_index" on "grades" ("class_id", "subject_id", "date");`);
    this.addSql(`create index "grades_student_id_date_index" on "grades" ("student_id", "date");`);
    this.addSql(
      `alter table "grades" add constraint "grades_lesson_id_student_id_kind_unique" unique ("lesson_id", "student_id", "kind");`,
    );

    this.addSql(
      `create table "lessons" ("id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, "teacher_id" varchar(36) null, "date" varchar(10) not null, "period" int not null, "topic" varchar(500) null, "homework" text null, constraint "lessons_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "lessons_teacher_id_index" on "lessons" ("teacher_id");`);
    this.addSql(`create index "lessons_class_id_subject_id_date_index" on "lessons" ("class_id", "subject_id", "date");`);
    this.addSql(`alter table "lessons" add constraint "lessons_class_id_date_period_unique" unique ("class_id", "date", "period");`);

    this.addSql(
      `create table "outbox_events" ("id" varchar(36) not null, "seq" double precision not null, "topic" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, constraint "outbox_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_published_at_seq_index" on "outbox_events" ("published_at", "seq");`);

    this.addSql(
      `create table "processed_events" ("event_id" varchar(36) not null, "consumer" varchar(100) not null, "processed_at" timestamptz not null, constraint "processed_events_pkey" primary key ("event_id", "consumer"));`,
    );

    this.addSql(
      `create table "roster_entries" ("id" varchar(36) not null, "class_id" varchar(36) not null, "student_id" varchar(36) not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) null, constraint "roster_entries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "roster_entries_class_id_index" on "roster_entries" ("class_id");`);
    this.addSql(`create index "roster_entries_student_id_index" on "roster_entries" ("student_id");`);

    this.addSql(
      `create table "teaching_replicas" ("id" varchar(36) not null, "teacher_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, constraint "teaching_replicas_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "teaching_replicas_teacher_id_index" on "teaching_replicas" ("teacher_id");`);
    this.addSql(`create index "teaching_replicas_class_id_index" on "teaching_replicas" ("class_id");`);
  }
}
