/**
 * Chaos: list endpoints whose pages never end, repeat, cycle (A, B, A, B …) or weigh 10 MB each.
 * Return All stops with an error after a bounded number of requests, for every list vendor, and
 * outputs nothing (a partial or duplicated list is not a success).
 */
import { MAX_PAGES } from '../../nodes/common/paging';
import { SESSIONS_MAX_PAGES } from '../../nodes/Sessions/shared/vendor';
import { useChaosFake } from './fake';
import { HALO, LIST_VENDORS, requestsTo, run, SESAME, SESSIONS } from './vendors';

const fake = useChaosFake();

const ADVICE = 'Use Limit, or filters, to ask for fewer records.';

/** Records per Return All page: Sessions 20 (its fixed size), Sesame 1,000, HaloPSA 100. */
const PAGE = { sessions: 20, sesame: 1000, halo: 100 } as Record<string, number>;

describe.each(LIST_VENDORS.map((v) => [v.vendor, v] as const))('%s Get Many', (_name, vendor) => {
	it('a server that ignores the page parameter: fails at page 2, after 2 requests', async () => {
		fake.misbehave(vendor.routes.list!, 'repeatedPage');
		const { outputs, error } = await run(vendor, fake, vendor.list!);
		const size = PAGE[vendor.name];
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({
			message: `${vendor.vendor} sent page 2 with the same records as page 1`,
			description: `Paging stopped after 2 pages (${size} records): the server answers a page it already sent, so the list would never end (it may ignore the page parameter). ${ADVICE} If the server ignores paging and the list holds no more than ${size} records, switch off Return All and set Limit to ${size}: one request reads it.`,
		});
		expect(requestsTo(fake, vendor.routes.list!)).toHaveLength(2);
	});

	it('pages that cycle A, B, A, B: fails at page 3, which repeats page 1', async () => {
		fake.misbehave(vendor.routes.list!, 'cycle');
		const { error } = await run(vendor, fake, vendor.list!);
		expect(error.message).toBe(`${vendor.vendor} sent page 3 with the same records as page 1`);
		expect(requestsTo(fake, vendor.routes.list!)).toHaveLength(3);
	});
});

it('Sessions pages without end (it announces no total): fails after its page bound', async () => {
	fake.misbehave(SESSIONS.routes.list!, 'endlessPages');
	const { outputs, error } = await run(SESSIONS, fake, SESSIONS.list!);
	expect(outputs).toEqual([]);
	expect(error).toMatchObject({
		message: `Sessions kept sending pages: stopped after ${SESSIONS_MAX_PAGES} pages (${SESSIONS_MAX_PAGES * 20} records)`,
		description: `One list may take at most ${SESSIONS_MAX_PAGES} pages. ${ADVICE}`,
	});
	expect(requestsTo(fake, SESSIONS.routes.list!)).toHaveLength(SESSIONS_MAX_PAGES);
	expect(SESSIONS_MAX_PAGES).toBeLessThan(MAX_PAGES);
}, 30_000);

it.each([
	// page 1 announced 2 pages of 1,000: 2,000 records; a margin of 10 % (at least 100)
	[SESAME, 'Sesame HR', 2000, 3],
	// page 1 counted 200 records
	[HALO, 'HaloPSA', 200, 4],
] as const)(
	'%s pages without end, each announcing one more: fails past the first announcement',
	async (vendor, name, announced, pages) => {
		fake.misbehave(vendor.routes.list!, 'endlessPages');
		const { outputs, error } = await run(vendor, fake, vendor.list!);
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({
			message: `${name} sent more records than it announced: ${pages * (announced / 2)} of ${announced}`,
			description: `The first page announced ${announced} records; paging stopped after ${pages} pages, as the list does not end where it should. ${ADVICE}`,
		});
		expect(requestsTo(fake, vendor.routes.list!)).toHaveLength(pages);
	},
);

it('a healthy list still reads to its end (3 records, one request)', async () => {
	for (const vendor of LIST_VENDORS) {
		const { outputs, error } = await run(vendor, fake, vendor.list!);
		expect(error).toBeUndefined();
		expect(outputs[0].map((i) => i.json.id)).toEqual(['p1-0', 'p1-1', 'p1-2']);
	}
	// each list ends on its first page: a short page (Sessions), lastPage (Sesame), record_count (Halo)
	expect(fake.requests.map((r) => `${r.path} ${r.query.page ?? r.query.page_no}`)).toEqual([
		'/sessions/api/rooms 1',
		'/sesame/core/v3/departments 1',
		'/halo/auth/token undefined',
		'/halo/api/Appointment 1',
	]);
});
