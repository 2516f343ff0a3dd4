/**
 * Chaos: a list whose pages weigh 10 MB each and do not end (a thousand pages announced). Return
 * All stops with an error once the pages hold more than the memory budget — before n8n runs out of
 * memory — for every list vendor. (Its own file: a fresh worker for the large heap.)
 */
import { MEMORY_BUDGET } from '../../nodes/common/paging';
import { useChaosFake } from './fake';
import { LIST_VENDORS, requestsTo, run } from './vendors';

const fake = useChaosFake();

/** Records per Return All page: Sessions 20 (its fixed size), Sesame 1,000, HaloPSA 100. */
const PAGE: Record<string, number> = { sessions: 20, sesame: 1000, halo: 100 };

it.each(LIST_VENDORS.map((v) => [v.vendor, v] as const))(
	'%s Get Many of 10 MB pages: fails once the memory budget is spent',
	async (_name, vendor) => {
		fake.misbehave(vendor.routes.list!, 'bigPages');
		const { outputs, error } = await run(vendor, fake, vendor.list!);
		// the budget (128 MB) holds 13 pages of 10 MB: the 14th is too many
		const pages = Math.floor(MEMORY_BUDGET / 10_000_000) + 1;
		expect(pages).toBe(14);
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({
			message: `The list from ${vendor.vendor} is too large to keep: over 128 MB after ${pages} pages (${pages * PAGE[vendor.name]} records)`,
			description:
				'Paging stopped before n8n runs out of memory. Use Limit, or filters, to ask for fewer records. Where the operation offers Simplify, it keeps the records smaller.',
		});
		expect(requestsTo(fake, vendor.routes.list!)).toHaveLength(pages);
	},
	30_000,
);
