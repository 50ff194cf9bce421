import { Migration } from "@mikro-orm/migrations";

export class Migration20261123193858 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "access_records" ("id" varchar(36) not null, "accessor_id" varchar(36) not null, "accessor_role" varchar(32) not null, "purpose" varchar(32) not null, "subject_id" varchar(36) not null, "fields" text not null, "released" boolean not null, "reason" varchar(32) null, "legal_basis" varchar(200) null, "request_id" varchar(64) not null, "at" timestamptz not null, constraint "access_records_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "access_records_subject_id_at_index" on "access_records" ("subject_id", "at");`);

    this.addSql(
      `create table "districts" ("id" varchar(36) not null, "region_id" varchar(36) not null, "name_latn" varchar(200) not null, "name_cyrl" varchar(200) null, "name_ru" varchar(200) null, constraint "districts_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "districts_region_id_index" on "districts" ("region_id");`);

    this.addSql(
      `create table "enrolments" ("id" varchar(36) not null, "student_id" varchar(36) not null, "class_id" varchar(36) not null, "academic_year" int not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) null, constraint "enrolments_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "enrolments_student_id_index" on "enrolments" ("student_id");`);
    this.addSql(`create index "enrolments_class_id_index" on "enrolments" ("class_id");`);

    this.addSql(
      `create table "outbox_events" ("id" varchar(36) not null, "seq" double precision not null, "topic" varchar(100) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, constraint "outbox_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "outbox_events_published_at_seq_index" on "outbox_events" ("published_at", "seq");`);

    this.addSql(
      `create table "processed_events" ("event_id" varchar(36) not null, "consumer" varchar(100) not null, "processed_at" timestamptz not null, constraint "processed_events_pkey" primary key ("event_id", "consumer"));`,
    );

    this.addSql(
      `create table "regions" ("id" varchar(36) not null, "soato" varchar(10) not null, "name_latn" varchar(200) not null, "name_cyrl" varchar(200) not null, "name_ru" varchar(200) not null, constraint "regions_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "regions" add constraint "regions_soato_unique" unique ("soato");`);

    this.addSql(
      `create table "schools" ("id" varchar(36) not null, "district_id" varchar(36) not null, "region_id" varchar(36) not null, "name_latn" varchar(200) not null, "name_cyrl" varchar(200) null, constraint "schools_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "schools_district_id_index" on "schools" ("district_id");`);
    this.addSql(`create index "schools_region_id_index" on "schools" ("region_id");`);

    this.addSql(
      `create table "school_classes" ("id" varchar(36) not null, "school_id" varchar(36) not null, "name" varchar(20) not null, "grade_level" int not null, "academic_year" int not null, "homeroom_teacher_id" varchar(36) null, constraint "school_classes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "school_classes_school_id_index" on "school_classes" ("school_id");`);
    this.addSql(`create index "school_classes_homeroom_teacher_id_index" on "school_classes" ("homeroom_teacher_id");`);

    this.addSql(
      `create table "staff_memberships" ("id" varchar(36) not null, "user_id" varchar(36) not null, "role" varchar(32) not null, "school_id" varchar(36) null, "district_id" varchar(36) null, "region_id" varchar(36) null, "starts_on" varchar(10) not null, "ends_on" varchar(10) null, constraint "staff_memberships_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "staff_memberships_user_id_index" on "staff_memberships" ("user_id");`);
    this.addSql(`create index "staff_memberships_school_id_index" on "staff_memberships" ("school_id");`);

    this.addSql(
      `create table "subjects" ("id" varchar(36) not null, "name_latn" varchar(200) not null, "name_ru" varchar(200) null, constraint "subjects_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "teaching_assignments" ("id" varchar(36) not null, "teacher_id" varchar(36) not null, "class_id" varchar(36) not null, "subject_id" varchar(36) not null, constraint "teaching_assignments_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "teaching_assignments_teacher_id_index" on "teaching_assignments" ("teacher_id");`);
    this.addSql(`create index "teaching_assignments_class_id_index" on "teaching_assignments" ("class_id");`);
    this.addSql(
      `alter table "teaching_assignments" add constraint "teaching_assignments_teacher_id_class_id_subject_id_unique" unique ("teacher_id", "class_id", "subject_id");`,
    );
  }
}
