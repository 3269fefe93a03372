"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDateTime } from "@/lib/format";

/**
 * Shown once, right after it is issued: Tsunagu stores only a hash of the token, so the link
 * cannot be displayed again. The token sits in the fragment, which never reaches a server log.
 */
export function PasswordLink({ token, expiresAt }: { token: string; expiresAt: Date }) {
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/set-password#${token}`;
  return (
    <div className="grid gap-2">
      <Label htmlFor="password-link">Set-password link</Label>
      <div className="flex gap-2">
        <Input id="password-link" readOnly value={link} onFocus={(event) => event.currentTarget.select()} data-testid="password-link" />
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label="Copy link"
          onClick={async () => {
            await navigator.clipboard?.writeText(link).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Works once, until {formatDateTime(new Date(expiresAt))}. Hand it to the person directly; it is not shown again.
      </p>
    </div>
  );
}
