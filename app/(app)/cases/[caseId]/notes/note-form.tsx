"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Field, FieldError } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SelectField } from "@/components/forms/select-field";
import { TextareaField } from "@/components/forms/textarea-field";
import { useUnsavedChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { fieldErrors, type ActionResult } from "@/lib/action-result";
import { options } from "@/lib/cases/labels";
import { today } from "@/lib/dates";
import { formatTime } from "@/lib/format";
import { attendeeLabels, modalityLabels, sectionKeys, templateLabels, templateSections } from "@/lib/notes/labels";
import type { SavedNote } from "@/lib/notes/commands";
import { saveNoteAction } from "./actions";
import { SignDialog } from "./sign-dialog";

// Saving also happens on its own while someone types, at most this often.
const AUTOSAVE_MS = 30_000;

export type DraftValues = {
  id: string;
  version: number;
  sessionDate: string;
  startTime: string | null;
  durationMinutes: number;
  modality: string;
  attendees: string[];
  template: "soap" | "dap" | "free";
  content: Record<string, string>;
  daysOut: number | null;
  rarelyLeavesRoom: boolean | null;
  nextContactOn: string | null;
  nextContactModality: string | null;
  updatedAt: string;
};

/** Writes a new note or resumes a draft: explicit saves, autosave, and a guard against leaving unsaved. */
export function NoteForm({ caseId, draft }: { caseId: string; draft?: DraftValues }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(draft ? { noteId: draft.id, version: draft.version, savedAt: draft.updatedAt } : null);
  // The latest saved version, read by a save that waited for another to finish.
  const savedRef = useRef(saved);
  const [result, setResult] = useState<ActionResult<SavedNote> | null>(null);
  const [template, setTemplate] = useState(draft?.template ?? "soap");
  const [saving, setSaving] = useState(false);
  // Counts edits, so a save that finishes while someone keeps typing does not mark their new words saved.
  const edits = useRef(0);
  const [dirty, setDirty] = useState(false);
  // Bumped after every save attempt, so autosave keeps trying while there is unsaved text.
  const [attempts, setAttempts] = useState(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  useUnsavedChanges(dirty);

  /** Saves after any save already under way, so a click on Sign during an autosave signs the latest text. */
  function save(intent: "save" | "sign"): Promise<boolean> {
    const previous = inFlight.current ?? Promise.resolve(true);
    const next = previous.then(() => send(intent));
    inFlight.current = next;
    void next.finally(() => {
      if (inFlight.current === next) inFlight.current = null;
    });
    return next;
  }

  async function send(intent: "save" | "sign"): Promise<boolean> {
    if (!form.current) return false;
    setSaving(true);
    const editsAtStart = edits.current;
    const data = new FormData(form.current);
    data.set("intent", intent);
    const current = savedRef.current;
    if (current) {
      data.set("noteId", current.noteId);
      data.set("version", String(current.version));
    }
    try {
      const outcome = await saveNoteAction(null, data);
      setResult(outcome);
      if (!outcome.ok) return false;
      savedRef.current = { noteId: outcome.data.noteId, version: outcome.data.version, savedAt: outcome.data.savedAt };
      setSaved(savedRef.current);
      if (edits.current === editsAtStart) setDirty(false);
      const notePath = `/cases/${caseId}/notes/${outcome.data.noteId}`;
      if (outcome.data.status === "signed") {
        setDirty(false);
        router.replace(notePath);
      } else if (!current) {
        // The draft now exists: a reload resumes it instead of starting again.
        window.history.replaceState(null, "", notePath);
      }
      return true;
    } catch {
      setResult({ ok: false, error: "The note could not be saved: the connection failed. Your text is still here; try again." });
      return false;
    } finally {
      setSaving(false);
      setAttempts((n) => n + 1);
    }
  }

  const autosave = useEffectEvent(() => {
    if (!inFlight.current) void save("save");
  });
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(autosave, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, attempts]);

  const errors = (name: string) => fieldErrors(result, name);
  const sections = new Set(templateSections[template].map((s) => s.key));
  const status = saving
    ? "Saving…"
    : dirty
      ? "Unsaved changes (saved automatically every 30 seconds)"
      : saved
        ? `Draft saved at ${formatTime(new Date(saved.savedAt))}`
        : "Not saved yet";

  return (
    <form
      ref={form}
      className="grid gap-6"
      noValidate
      onInput={() => {
        edits.current += 1;
        setDirty(true);
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void save("save");
      }}
    >
      <input type="hidden" name="caseId" value={caseId} />
      <FormMessage state={result?.ok && result.data.status === "draft" ? null : result} />

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Session date" name="sessionDate" type="date" max={today()} defaultValue={draft?.sessionDate ?? today()} required errors={errors("sessionDate")} />
        <Field label="Start time" name="startTime" type="time" defaultValue={draft?.startTime?.slice(0, 5) ?? ""} errors={errors("startTime")} />
        <Field
          label="Duration (minutes)"
          name="durationMinutes"
          type="number"
          min={1}
          max={600}
          defaultValue={draft?.durationMinutes ?? 60}
          required
          errors={errors("durationMinutes")}
        />
        <SelectField
          label="Type of session"
          name="modality"
          options={[{ value: "", label: "Choose…" }, ...options(modalityLabels)]}
          defaultValue={draft?.modality ?? ""}
          required
          errors={errors("modality")}
        />
        <SelectField
          label="Template"
          name="template"
          options={options(templateLabels)}
          value={template}
          onChange={(event) => setTemplate(event.target.value as typeof template)}
          errors={errors("template")}
        />
        <fieldset className="grid gap-2" aria-describedby={errors("attendees") ? "attendees-error" : undefined}>
          <legend className="mb-2 text-sm font-medium">Who attended</legend>
          {options(attendeeLabels).map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="attendees"
                value={option.value}
                className="size-4 accent-primary"
                defaultChecked={draft ? draft.attendees.includes(option.value) : option.value === "client"}
              />
              {option.label}
            </label>
          ))}
          <FieldError id="attendees-error" errors={errors("attendees")} />
        </fieldset>
      </div>

      {sectionKeys.map((key) => {
        const section = Object.values(templateSections).flat().find((s) => s.key === key)!;
        // Sections of other templates stay in the page, hidden, so switching back loses nothing.
        return (
          <TextareaField
            key={key}
            hidden={!sections.has(key)}
            label={section.label}
            hint={section.hint || undefined}
            id={`section-${key}`}
            name={key}
            rows={key === "notes" ? 12 : 5}
            maxLength={20_000}
            defaultValue={draft?.content[key] ?? ""}
            errors={errors(key)}
          />
        );
      })}

      <fieldset className="grid gap-4 rounded-md border p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-medium">Observations (optional)</legend>
        <Field
          label="Days out of home in the past week"
          name="daysOut"
          type="number"
          min={0}
          max={7}
          defaultValue={draft?.daysOut ?? ""}
          hint="0–7, as reported or observed. Gives the severity band shown on the case."
          errors={errors("daysOut")}
        />
        <SelectField
          label="Rarely leaves their room"
          name="rarelyLeavesRoom"
          options={[
            { value: "", label: "Not observed" },
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          defaultValue={draft?.rarelyLeavesRoom === null || draft?.rarelyLeavesRoom === undefined ? "" : draft.rarelyLeavesRoom ? "yes" : "no"}
          errors={errors("rarelyLeavesRoom")}
        />
        <Field label="Next planned contact" name="nextContactOn" type="date" defaultValue={draft?.nextContactOn ?? ""} errors={errors("nextContactOn")} />
        <SelectField
          label="Next contact by"
          name="nextContactModality"
          options={[{ value: "", label: "Not planned" }, ...options(modalityLabels)]}
          defaultValue={draft?.nextContactModality ?? ""}
          errors={errors("nextContactModality")}
        />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="outline" disabled={saving}>
          Save draft
        </Button>
        <SignDialog disabled={saving} onSign={() => save("sign")} />
        <p className="text-sm text-muted-foreground" role="status" aria-live="polite">
          {status}
        </p>
      </div>
    </form>
  );
}
