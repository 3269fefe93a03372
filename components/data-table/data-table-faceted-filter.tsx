"use client";

import { PlusCircle } from "lucide-react";
import { useQueryState } from "nuqs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Separator } from "@/components/ui/separator";
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
      <PopoverContent className="w-64 p-1" align="start">
        {/* Plain checkboxes: every assistive technology knows them, no menu semantics to emulate. */}
        <fieldset className="grid max-h-80 overflow-y-auto">
          <legend className="sr-only">Filter by {title.toLowerCase()}</legend>
          {options.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm hover:bg-accent hover:text-accent-foreground has-[:focus-visible]:bg-accent"
            >
              <input
                type="checkbox"
                className="size-4 shrink-0 accent-primary"
                checked={chosen.has(option.value)}
                onChange={() => toggle(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        {chosen.size > 0 ? (
          <>
            <Separator className="my-1" />
            <Button
              variant="ghost"
              size="sm"
              className="w-full justify-center"
              onClick={() => {
                void setSelected(null);
                void setPage(null);
              }}
            >
              Clear filter
            </Button>
          </>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
