"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Downloads an export with fetch so a long one can show how far it has got; the file is then
 * saved from memory under the name the server gave it.
 */
export function DownloadButton({ href, label, summaryHeader }: { href: string; label: string; summaryHeader?: string }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  async function download() {
    setError(null);
    setProgress(0);
    try {
      const response = await fetch(href, { cache: "no-store" });
      if (!response.ok || !response.body) {
        const message = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(message?.error ?? `The export failed (${response.status}).`);
      }
      const size = Number(response.headers.get("Content-Length")) || 0;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        if (size) setProgress(Math.round((100 * received) / size));
      }
      if (summaryHeader) setSummary(response.headers.get(summaryHeader));
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "tsunagu-statistics";
      const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("Content-Type") ?? "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The export failed.");
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="grid gap-1">
      <Button type="button" variant="outline" onClick={download} disabled={progress !== null}>
        <Download aria-hidden />
        {progress === null ? label : `Preparing… ${progress}%`}
      </Button>
      {progress !== null ? <progress className="h-1 w-full" max={100} value={progress} aria-label={`${label}: ${progress}%`} /> : null}
      {summary ? (
        <p role="status" className="text-sm text-muted-foreground">
          {summary.replaceAll("; ", " · ")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
