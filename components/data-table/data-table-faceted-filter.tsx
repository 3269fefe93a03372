"use client";

import { Check, PlusCircle } from "lucide-react";
import { useQueryState } from "nuqs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Separator } from "@/components/ui/separator";
import { cn } from "@/lib/utils";
import { facetParser } from "./search-params";

export interface FacetOption {
  value: string;
  label: string;
}

/** A multi-select filter kept in the URL under `param`; changing it returns to page 1. */
export function DataTableFacetedFilter({
  param,
  title,
  options,
  startTransition,
}: {
  param: string;
  title: string;
  options: FacetOption[];
  startTransition: React.TransitionStartFunction;
}) {
  const [selected, setSelected] = useQueryState(param, facetParser.withOptions({ shallow: false, startTransition }));
  const [, setPage] = useQueryState("page", { shallow: false, startTransition });
  const chosen = new Set(selected);

  function toggle(value: string) {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    void setSelected(next.size ? [...next] : null);
    void setPage(null);
  }

  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="outline" size="sm" className="h-8 border-dashed">
          <PlusCircle aria-hidden />
          {title}
          {chosen.size > 0 ? (
            <>
              <Separator orientation="vertical" className="mx-1 h-4" />
              <Badge variant="secondary" className="rounded-sm px-1 font-normal">
                {chosen.size} selected
              </Badge>
            </>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-56 p-1" align="start">
        <div role="group" aria-label={`Filter by ${title.toLowerCase()}`} className="grid max-h-80 overflow-y-auto">
          {options.map((option) => {
            const isSelected = chosen.has(option.value);
            return (
              <button
                key={option.value}
                type="button"
                role="menuitemcheckbox"
                aria-checked={isSelected}
                onClick={() => toggle(option.value)}
                className="flex items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm hover:bg-accent hover:text-accent-foreground focus-visible:bg-accent focus-visible:outline-none"
              >
                <span
                  aria-hidden
                  className={cn(
                    "flex size-4 items-center justify-center rounded-sm border border-primary",
                    isSelected ? "bg-primary text-primary-foreground" : "opacity-60",
                  )}
                >
                  {isSelected ? <Check className="size-3" /> : null}
                </span>
                {option.label}
              </button>
            );
          })}
          {chosen.size > 0 ? (
            <>
              <Separator className="my-1" />
              <Button
                variant="ghost"
                size="sm"
                className="justify-center"
                onClick={() => {
                  void setSelected(null);
                  void setPage(null);
                }}
              >
                Clear filter
              </Button>
            </>
          ) : null}
        </div>
      </PopoverContent>
    </Popover>
  );
}
