import { Migration } from "@mikro-orm/migrations";

export class Migration20261130111134 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "academic_terms" ("id" varchar(36) not null, "year" int not null, "kind" text check ("kind" in ('QUARTER', 'HALF')) not null, "number" int not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, constraint "academic_terms_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "academic_terms_starts_on_ends_on_index" on "academic_terms" ("starts_on", "ends_on");`);
    this.addSql(`alter table "academic_terms" add constraint "academic_terms_year_kind_number_unique" unique ("year", "kind", "number");`);

    this.addSql(
      `create table "blocked_fields" ("subject_id" varchar(36) not null, "field" varchar(100) not null, "blocked_at" timestamptz not null, constraint "blocked_fields_pkey" primary key ("subject_id", "field"));`,
    );

    this.addSql(
      `create table "calendar_breaks" ("id" varchar(36) not null, "year" int not null, "kind" text check ("kind" in ('HOLIDAY', 'VACATION')) not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, "name_latn" varchar(200) not null, "name_cyrl" varchar(200) not null, "name_ru" varchar(200) not null, constraint "calendar_breaks_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "calendar_breaks_starts_on_ends_on_index" on "calendar_breaks" ("starts_on", "ends_on");`);
    this.addSql(
      `alter table "calendar_breaks" add constraint "calendar_breaks_year_kind_starts_on_unique" unique ("year", "kind", "starts_on");`,
    );

    this.addSql(
      `create table "homework_changes" ("id" varchar(36) not null, "lesson_id" varchar(36) not null, "class_id" varchar(36) not null, "lesson_date" varchar(10) not null, "changed_by_id" varchar(36) not null, "changed_at" timestamptz not null, "old_text" text null, "new_text" text null, "old_due_on" varchar(10) null, "new_due_on" varchar(10) null, constraint "homework_changes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "homework_changes_lesson_id_index" on "homework_changes" ("lesson_id");`);
    this.addSql(`create index "homework_changes_class_id_lesson_date_index" on "homework_changes" ("class_id", "lesson_date");`);

    this.addSql(
      `create table "journal_changes" ("id" varchar(36) not null, "cell" text check ("cell" in ('GRADE', 'ATTENDANCE')) not null, "cell_id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, "lesson_id" varchar(36) null, "date" varchar(10) not null, "grade_kind" varchar(20) null, "old_value" varchar(30) null, "new_value" varchar(30) not null, "old_note" varchar(500) null, "new_note" varchar(500) null, "changed_by_id" varchar(36) not null, "changed_at" timestamptz not null, constraint "journal_changes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "journal_changes_cell_id_index" on "journal_changes" ("cell_id");`);
    this.addSql(`create index "journal_changes_student_id_index" on "journal_changes" ("student_id");`);
    this.addSql(`create index "journal_changes_class_id_date_index" on "journal_changes" ("class_id", "date");`);

    this.addSql(
      `create table "parent_messages" ("id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "sender_id" varchar(36) not null, "topic" text check ("topic" in ('BEHAVIOUR', 'MEETING', 'PROGRESS', 'OTHER')) not null, "text" text null, "sent_at" timestamptz not null, constraint "parent_messages_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "parent_messages_student_id_index" on "parent_messages" ("student_id");`);

    this.addSql(
      `create table "retention_schedule" ("id" varchar(36) not null, "subject_id" varchar(36) not null, "reason" varchar(20) not null, "due_on" varchar(10) not null, "created_at" timestamptz not null, "done_at" timestamptz null, "outcome" jsonb null, constraint "retention_schedule_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "retention_schedule_done_at_due_on_index" on "retention_schedule" ("done_at", "due_on");`);
    this.addSql(
      `alter table "retention_schedule" add constraint "retention_schedule_subject_id_reason_unique" unique ("subject_id", "reason");`,
    );

    this.addSql(
      `create table "timetable_entries" ("id" varchar(36) not null, "class_id" varchar(36) not null, "term_id" varchar(36) not null, "weekday" int not null, "period" int not null, "subject_id" varchar(36) not null, "teacher_id" varchar(36) not null, "room" varchar(50) null, constraint "timetable_entries_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "timetable_entries_term_id_index" on "timetable_entries" ("term_id");`);
    this.addSql(`create index "timetable_entries_teacher_id_term_id_index" on "timetable_entries" ("teacher_id", "term_id");`);
    this.addSql(
      `alter table "timetable_entries" add constraint "timetable_entries_class_id_term_id_weekday_period_unique" unique ("class_id", "term_id", "weekday", "period");`,
    );

    this.addSql(`alter table "attendance_marks" drop constraint if exists "attendance_marks_status_check";`);

    this.addSql(
      `alter table "access_records" add column "recipient" varchar(200) null, add column "restricted" boolean not null default false;`,
    );

    this.addSql(
      `alter table "attendance_marks" add constraint "attendance_marks_status_check" check("status" in ('PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ILLNESS', 'LATE', 'NO_PARENTAL_SUPERVISION', 'PARENTS_RESIST_EDUCATION', 'MARRIAGE', 'LEFT_COUNTRY'));`,
    );
    this.addSql(
      `create index "attendance_marks_class_id_date_status_lesson_id_index" on "attendance_marks" ("class_id", "date", "status", "lesson_id");`,
    );

    this.addSql(`create index "class_places_school_id_index" on "class_places" ("school_id");`);
    this.addSql(`create index "class_places_district_id_index" on "class_places" ("district_id");`);
    this.addSql(`create index "class_places_region_id_index" on "class_places" ("region_id");`);

    this.addSql(`alter table "grades" add column "term" int null, add column "term_key" varchar(10) null;`);
    this.addSql(`create index "grades_class_id_date_index" on "grades" ("class_id", "date");`);
    this.addSql(
      `alter table "grades" add constraint "grades_student_id_subject_id_term_key_unique" unique ("student_id", "subject_id", "term_key");`,
    );

    this.addSql(
      `alter table "lessons" add column "homework_due_on" varchar(10) null, add column "room" varchar(50) null, add column "cancelled" boolean not null default false, add column "cancel_reason" varchar(500) null, add column "substitute_teacher_id" varchar(36) null, add column "planned_date" varchar(10) null, add column "planned_period" int null;`,
    );
    this.addSql(`create index "lessons_substitute_teacher_id_index" on "lessons" ("substitute_teacher_id");`);
    this.addSql(
      `alter table "lessons" add constraint "lessons_class_id_planned_date_planned_period_unique" unique ("class_id", "planned_date", "planned_period");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attendance_marks" drop constraint if exists "attendance_marks_status_check";`);

    this.addSql(`drop index "attendance_marks_class_id_date_status_lesson_id_index";`);

    this.addSql(
      `alter table "attendance_marks" add constraint "attendance_marks_status_check" check("status" in ('PRESENT', 'ABSENT_UNEXCUSED', 'ABSENT_EXCUSED', 'ILLNESS', 'LATE'));`,
    );

    this.addSql(`drop index "class_places_school_id_index";`);
    this.addSql(`drop index "class_places_district_id_index";`);
    this.addSql(`drop index "class_places_region_id_index";`);

    this.addSql(`drop index "grades_class_id_date_index";`);
    this.addSql(`alter table "grades" drop constraint "grades_student_id_subject_id_term_key_unique";`);

    this.addSql(`drop index "lessons_substitute_teacher_id_index";`);
    this.addSql(`alter table "lessons" drop constraint "lessons_class_id_planned_date_planned_period_unique";`);
  }
}
