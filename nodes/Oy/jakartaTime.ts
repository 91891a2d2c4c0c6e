/**
 * OY! reads and writes times as Jakarta time (UTC+7, no daylight saving) without a zone:
 * `yyyy-MM-dd HH:mm:ss`. A time without a zone from n8n (the date picker writes
 * `2026-12-24T10:00:00`) is read in the workflow's timezone, as n8n's own nodes read it.
 */

const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** Milliseconds since 1970 of a time n8n gives (ISO text, Date, or Luxon DateTime); NaN if none. */
export function readInstant(value: unknown, timezone: string): number {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'object' && value !== null && 'toMillis' in value) {
		return (value as { toMillis(): number }).toMillis();
	}
	const text = String(value ?? '').trim();
	if (HAS_ZONE.test(text)) return Date.parse(text);
	const parts = NAIVE.exec(text);
	if (!parts) return NaN;
	const [year, month, day, hour = '0', minute = '0', second = '0'] = parts.slice(1);
	const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
	// the wall-clock time in `timezone` minus that zone's offset at that moment
	return wall - zoneOffsetMs(wall - zoneOffsetMs(wall, timezone), timezone);
}

function zoneOffsetMs(instant: number, timezone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: timezone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(instant))
			.map((part) => [part.type, part.value]),
	);
	const wall = Date.UTC(
		+parts.year,
		+parts.month - 1,
		+parts.day,
		+parts.hour,
		+parts.minute,
		+parts.second,
	);
	return wall - Math.floor(instant / 1000) * 1000;
}

/** `yyyy-MM-dd HH:mm:ss` in Jakarta time. */
export function jakartaText(instant: number): string {
	return new Date(instant + JAKARTA_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19);
}
