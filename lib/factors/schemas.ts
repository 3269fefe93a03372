import { z } from "zod";
import { id, text, version } from "../validation";

export const createFactorInput = z.strictObject({ categoryId: id("Choose a category."), name: text(200, "Enter the factor's name.") });
export const renameFactorInput = z.strictObject({ factorId: id(), version, name: text(200, "Enter the factor's name.") });
export const retireFactorInput = z.strictObject({
  factorId: id(),
  version,
  retired: z.enum(["true", "false"]).transform((value) => value === "true"),
});
