CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"project_code" varchar(24),
	"owner_name" text NOT NULL,
	"owner_uscc" varchar(18),
	"region_code" varchar(6) NOT NULL,
	"responsible_unit_id" uuid NOT NULL,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"industry" text,
	"funding_source" text NOT NULL,
	"total_investment" numeric(18, 2) NOT NULL,
	"annual_plan" numeric(18, 2),
	"plan_year" integer NOT NULL,
	"monthly_plan" jsonb,
	"planned_start_date" date,
	"planned_completion_date" date,
	"actual_start_date" date,
	"actual_completion_date" date,
	"new_start" boolean,
	"land_area" numeric(14, 2),
	"expected_annual_output" numeric(18, 2),
	"expected_annual_tax" numeric(18, 2),
	"energy_use" numeric(14, 2),
	"longitude" numeric(9, 6),
	"latitude" numeric(9, 6),
	"groundbreaking_batch" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"environmental_assessment" boolean DEFAULT false NOT NULL,
	"obsolete_capacity" boolean DEFAULT false NOT NULL,
	"overcapacity" boolean DEFAULT false NOT NULL,
	"high_energy_high_emission" boolean DEFAULT false NOT NULL,
	"approvals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stage" text DEFAULT 'pipeline' NOT NULL,
	"suspended_from" text,
	"admission_failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"admission_overrides" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_responsible_unit_id_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_uq" ON "projects" USING btree ("project_code");--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "projects_unit_idx" ON "projects" USING btree ("responsible_unit_id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "projects" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "projects_name_trgm" ON "projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "projects_owner_trgm" ON "projects" USING gin ("owner_name" gin_trgm_ops);