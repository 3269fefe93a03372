CREATE TYPE "public"."note_modality" AS ENUM('home_visit', 'office', 'phone', 'video', 'online_message', 'family_session', 'group');--> statement-breakpoint
CREATE TYPE "public"."note_attendee" AS ENUM('client', 'family', 'other_professional');--> statement-breakpoint
CREATE TYPE "public"."note_status" AS ENUM('draft', 'signed');--> statement-breakpoint
CREATE TYPE "public"."note_template" AS ENUM('soap', 'dap', 'free');--> statement-breakpoint
CREATE TABLE "note_addenda" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "note_addenda_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"note_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"start_time" time,
	"duration_minutes" integer NOT NULL,
	"modality" "note_modality" NOT NULL,
	"attendees" "note_attendee"[] NOT NULL,
	"template" "note_template" NOT NULL,
	"content" jsonb NOT NULL,
	"days_out" integer,
	"rarely_leaves_room" boolean,
	"next_contact_on" date,
	"next_contact_modality" "note_modality",
	"status" "note_status" DEFAULT 'draft' NOT NULL,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	"content_hash" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "session_notes_duration" CHECK ("session_notes"."duration_minutes" between 1 and 600),
	CONSTRAINT "session_notes_days_out" CHECK ("session_notes"."days_out" between 0 and 7),
	CONSTRAINT "session_notes_attendees" CHECK (cardinality("session_notes"."attendees") between 1 and 3),
	CONSTRAINT "session_notes_next_contact" CHECK (("session_notes"."next_contact_on" is null) = ("session_notes"."next_contact_modality" is null)),
	CONSTRAINT "session_notes_signed_complete" CHECK (("session_notes"."status" = 'signed') = ("session_notes"."signed_by" is not null and "session_notes"."signed_at" is not null and "session_notes"."content_hash" is not null)),
	CONSTRAINT "session_notes_review_signed" CHECK ("session_notes"."reviewed_at" is null or "session_notes"."status" = 'signed')
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_contact_on" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_contact_modality" "note_modality";--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_note_id_session_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."session_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_addenda" ADD CONSTRAINT "note_addenda_author_id_accounts_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_author_id_accounts_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_signed_by_accounts_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "note_addenda_note_idx" ON "note_addenda" USING btree ("note_id","created_at");--> statement-breakpoint
CREATE INDEX "session_notes_case_date_idx" ON "session_notes" USING btree ("case_id","session_date");--> statement-breakpoint
CREATE INDEX "session_notes_author_status_idx" ON "session_notes" USING btree ("author_id","status");--> statement-breakpoint
CREATE INDEX "session_notes_unreviewed_idx" ON "session_notes" USING btree ("signed_at") WHERE "session_notes"."status" = 'signed' and "session_notes"."reviewed_at" is null;--> statement-breakpoint
-- Contact is a calendar day (the session date), not an instant.
ALTER TABLE "cases" DROP COLUMN "last_contact_at";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_contact_on" date;