"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** Signing is final, so it asks once, saying what it means. */
export function SignDialog({ disabled, onSign }: { disabled: boolean; onSign: () => Promise<boolean> }) {
  const [open, setOpen] = useState(false);
  const [signing, setSigning] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" disabled={disabled}>
          Sign note…
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Sign this note?</DialogTitle>
          <DialogDescription>
            Signing saves the note as it is now and locks it. After that it cannot be edited; corrections are added as addenda with a
            reason.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => setOpen(false)}>
            Keep editing
          </Button>
          <Button
            type="button"
            disabled={signing}
            onClick={async () => {
              setSigning(true);
              const signed = await onSign();
              setSigning(false);
              // A refusal (a missing field, a stale draft) is shown on the form, so the dialog gets out of the way.
              if (!signed) setOpen(false);
            }}
          >
            {signing ? "Signing…" : "Sign and lock"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
