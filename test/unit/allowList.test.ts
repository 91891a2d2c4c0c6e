import { parseAllowList } from '../../nodes/shared/callbacks/addressRanges';

const allows = (list: string, ip: string) =>
	parseAllowList(list)!.some((range) => range.contains(ip));

test.each([
	['203.0.113.7', '203.0.113.7', true],
	['203.0.113.7', '203.0.113.8', false],
	['203.0.113.0/24', '203.0.113.200', true],
	['203.0.113.0/24', '203.0.114.1', false],
	['10.0.0.0/8', '::ffff:10.1.2.3', true],
	['0.0.0.0/0', '198.51.100.1', true],
	['2001:db8::/32', '2001:db8:abcd::1', true],
	['2001:db8::/32', '2001:db9::1', false],
	['::1', '::1', true],
	['::1', '127.0.0.1', false],
	['fe80::1:2', 'fe80:0:0:0:0:0:1:2', true],
])('%s allows %s: %s', (list, ip, expected) => {
	expect(allows(list, ip)).toBe(expected);
});

test.each(['not-an-ip', '10.0.0.0/33', '256.1.1.1', '1.2.3.4/x', '2001:db8::/129', '1::2::3'])(
	'%s is refused as a setting',
	(list) => {
		expect(parseAllowList(list)).toBeUndefined();
	},
);
