import * as React from "react"
import { Slot } from "radix-ui"

/** Badge looks: the styles are in app/globals.css, keyed on data-variant (badges repeat on every row of a list). */
export type BadgeVariant = "default" | "secondary" | "destructive" | "outline" | "success" | "warning"

function Badge({
  variant = "default",
  asChild = false,
  ...props
}: React.ComponentProps<"span"> & { variant?: BadgeVariant; asChild?: boolean }) {
  const Comp = asChild ? Slot.Root : "span"

  return <Comp data-slot="badge" data-variant={variant} {...props} />
}

export { Badge }
