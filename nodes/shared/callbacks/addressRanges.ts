/** IPv4 and IPv6 addresses and CIDR ranges, for the triggers' "Allowed IPs" option. */

export interface AddressRange {
	contains(ip: string): boolean;
}

/** Parses "ip, ip/prefix, …"; undefined when any entry is not valid (the guard then refuses all). */
export function parseAllowList(list: string): AddressRange[] | undefined {
	const ranges: AddressRange[] = [];
	for (const entry of list
		.split(',')
		.map((e) => e.trim())
		.filter(Boolean)) {
		const [address, prefixText] = entry.split('/');
		const bytes = addressBytes(address);
		if (!bytes) return undefined;
		const bits = bytes.length * 8;
		const prefix = prefixText === undefined ? bits : Number(prefixText);
		if (
			!Number.isInteger(prefix) ||
			prefix < 0 ||
			prefix > bits ||
			(prefixText !== undefined && !/^\d+$/.test(prefixText))
		) {
			return undefined;
		}
		ranges.push({
			contains: (ip) => {
				const candidate = addressBytes(ip);
				return (
					candidate !== undefined &&
					candidate.length === bytes.length &&
					samePrefix(candidate, bytes, prefix)
				);
			},
		});
	}
	return ranges;
}

function samePrefix(a: number[], b: number[], prefix: number): boolean {
	for (let bit = 0; bit < prefix; bit += 8) {
		const width = Math.min(8, prefix - bit);
		const mask = (0xff << (8 - width)) & 0xff;
		if ((a[bit / 8] & mask) !== (b[bit / 8] & mask)) return false;
	}
	return true;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (::ffff:1.2.3.4) counts as IPv4. */
function addressBytes(raw: string): number[] | undefined {
	const ip = raw
		.trim()
		.replace(/^\[|\]$/g, '')
		.replace(/%.*$/, '');
	if (IPV4.test(ip)) return ip.split('.').map(Number);
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
	if (mapped) return addressBytes(mapped[1]);
	const halves = ip.split('::');
	if (halves.length > 2) return undefined;
	const words = (part: string): number[] | undefined => {
		if (part === '') return [];
		const out: number[] = [];
		for (const group of part.split(':')) {
			if (!HEX_GROUP.test(group)) return undefined;
			out.push(parseInt(group, 16));
		}
		return out;
	};
	const head = words(halves[0]);
	const tail = halves.length === 2 ? words(halves[1]) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	return [...head, ...new Array<number>(missing).fill(0), ...tail].flatMap((w) => [
		w >> 8,
		w & 0xff,
	]);
}
