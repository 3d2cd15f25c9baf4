CREATE TABLE "indicator_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"indicator_code" varchar(40) NOT NULL,
	"year" integer NOT NULL,
	"growth" numeric(20, 4),
	"amount" numeric(20, 4),
	"schedule" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_value_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"value_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"indicator_code" varchar(40) NOT NULL,
	"period" varchar(7) NOT NULL,
	"value" numeric(20, 4),
	"growth" numeric(20, 4),
	"source" text NOT NULL,
	"version" integer NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_by" uuid,
	"replaced_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"indicator_code" varchar(40) NOT NULL,
	"period" varchar(7) NOT NULL,
	"value" numeric(20, 4),
	"growth" numeric(20, 4),
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(40) NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"unit" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"frequency" text NOT NULL,
	"precision" integer NOT NULL,
	"rank_by" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_uq" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "peer_group_members" (
	"group_id" uuid NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "peer_group_members_group_id_region_code_pk" PRIMARY KEY("group_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "peer_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"label" text,
	"member_noun" text,
	"reference_region_code" varchar(6),
	"is_default" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value_revisions" ADD CONSTRAINT "indicator_value_revisions_value_id_indicator_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."indicator_values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_code_indicators_code_fk" FOREIGN KEY ("indicator_code") REFERENCES "public"."indicators"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_members" ADD CONSTRAINT "peer_group_members_group_id_peer_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."peer_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_members" ADD CONSTRAINT "peer_group_members_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_groups" ADD CONSTRAINT "peer_groups_reference_region_code_regions_code_fk" FOREIGN KEY ("reference_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_targets_region_indicator_year_uq" ON "indicator_targets" USING btree ("region_code","indicator_code","year");--> statement-breakpoint
CREATE INDEX "indicator_value_revisions_value_idx" ON "indicator_value_revisions" USING btree ("value_id","replaced_at");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_region_indicator_period_uq" ON "indicator_values" USING btree ("region_code","indicator_code","period");--> statement-breakpoint
CREATE INDEX "indicator_values_indicator_period_idx" ON "indicator_values" USING btree ("indicator_code","period");--> statement-breakpoint
CREATE INDEX "peer_group_members_region_idx" ON "peer_group_members" USING btree ("region_code");