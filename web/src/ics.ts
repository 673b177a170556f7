/**
 * An iCalendar (RFC 5545) file for one of the client's bookings, made in the browser: the API
 * emails invitations but has no download for a client. The UID is the emailed invitation's
 * (`<first booking of the series>@unknot`), so a calendar that has both keeps one event.
 */
export interface CalendarEvent {
  uid: string;
  startsAt: string;
  endsAt: string;
  title: string;
  location?: string;
  description?: string;
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Text values escape backslashes, semicolons, commas and newlines. */
const text = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets fold onto continuation lines that start with a space. */
function fold(line: string): string {
  const bytes = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (bytes.encode(current + char).length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function icsFile(event: CalendarEvent, now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Unknot//Bookings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${stamp(now.toISOString())}`,
    `DTSTART:${stamp(new Date(event.startsAt).toISOString())}`,
    `DTEND:${stamp(new Date(event.endsAt).toISOString())}`,
    `SUMMARY:${text(event.title)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Offers the file as a download (`unknot-session.ics`). */
export function downloadIcs(event: CalendarEvent): void {
  const url = URL.createObjectURL(new Blob([icsFile(event)], { type: 'text/calendar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'unknot-session.ics';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
