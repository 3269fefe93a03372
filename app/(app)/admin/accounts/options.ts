import { roleLabels, statusLabels } from "@/lib/accounts/labels";

export const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));
export const statusOptions = Object.entries(statusLabels).map(([value, label]) => ({ value, label }));
