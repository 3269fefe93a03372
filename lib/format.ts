import { format, parseISO } from "date-fns";

export const formatDate = (date: Date) => format(date, "d MMM yyyy");
export const formatDateTime = (date: Date) => format(date, "d MMM yyyy, HH:mm");
export const formatMonth = (isoDay: string) => format(parseISO(isoDay), "MMM yyyy");
/** A calendar day stored as YYYY-MM-DD, read as that day wherever the reader is. */
export const formatDay = (isoDay: string) => formatDate(parseISO(isoDay));
export const formatTime = (date: Date) => format(date, "HH:mm");
/** A part of a whole in percent, to one decimal (halves up); null when the whole is zero. */
export const percentOf = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : null);
