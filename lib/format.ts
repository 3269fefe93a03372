import { format } from "date-fns";

export const formatDate = (date: Date) => format(date, "d MMM yyyy");
export const formatDateTime = (date: Date) => format(date, "d MMM yyyy, HH:mm");
