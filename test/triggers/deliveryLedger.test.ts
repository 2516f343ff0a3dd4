/**
 * The ledger of accepted deliveries (nodes/common/deliveryLedger.ts): claims and their outcomes,
 * waiting re-deliveries, bounds and expiry, and the compact copy written into static data (also
 * read back in the first format, `{"k<hex>": expiry}`).
 */
import { createHash } from 'crypto';

import {
	DeliveryBook,
	hashKey,
	KEY_CHARS,
	ledgerFor,
	resetLedgers,
	SAVE_PENDING_MS,
	storedEntries,
	type Claim,
} from '../../nodes/common/deliveryLedger';

const fresh = (claim: Claim) => {
	if (claim.state !== 'fresh') throw new Error(`expected a fresh claim, got ${claim.state}`);
	return claim;
};

/** Resolves `true` if `promise` has settled by the time queued callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
	let settled = false;
	void promise.then(() => (settled = true));
	await new Promise((resolve) => setImmediate(resolve));
	return settled;
}

beforeEach(resetLedgers);

describe('claims', () => {
	it('a key is claimed once; while it runs, re-deliveries are told to wait', async () => {
		const book = new DeliveryBook(10);
		const first = fresh(book.claim('id:1', 0));
		const second = book.claim('id:1', 0);
		expect(second.state).toBe('running');
		const settled = (second as { settled: Promise<void> }).settled;
		expect(await isSettled(settled)).toBe(false);
		first.settle({ delivered: true, answer: { id: '1', entity_id: 'e-9' } });
		expect(await isSettled(settled)).toBe(true);
		expect(book.claim('id:1', 0)).toEqual({
			state: 'done',
			answer: { id: '1', entity_id: 'e-9' },
		});
	});

	it('a failed delivery leaves the key open: the next claim is fresh again', () => {
		const book = new DeliveryBook(10);
		fresh(book.claim('id:2', 0)).settle({ delivered: false });
		const again = fresh(book.claim('id:2', 0));
		again.settle({ delivered: true });
		expect(book.claim('id:2', 0)).toEqual({ state: 'done', answer: undefined });
	});

	it('settles once: a second report changes nothing', () => {
		const book = new DeliveryBook(10);
		const claim = fresh(book.claim('id:3', 0));
		claim.settle({ delivered: true });
		claim.settle({ delivered: false });
		expect(book.claim('id:3', 0).state).toBe('done');
	});

	it('keeps the newest `max` delivered keys and lets keys with a time limit expire', () => {
		const book = new DeliveryBook(2);
		for (const key of ['a', 'b', 'c']) fresh(book.claim(key, 0)).settle({ delivered: true });
		expect(book.size).toBe(2);
		expect(book.claim('a', 0).state).toBe('fresh');
		const windowed = new DeliveryBook(10);
		fresh(windowed.claim('body:f', 1000, { ttlMs: 500 })).settle({ delivered: true });
		expect(windowed.claim('body:f', 1499).state).toBe('done');
		expect(windowed.claim('body:f', 1500).state).toBe('fresh');
	});

	it('keeps a ledger per workflow and node, resized by the option', () => {
		const one = ledgerFor('wf1:node1', 10);
		expect(ledgerFor('wf1:node1', 10)).toBe(one);
		expect(ledgerFor('wf1:node2', 10)).not.toBe(one);
		for (const key of ['a', 'b', 'c']) fresh(one.claim(key, 0)).settle({ delivered: true });
		ledgerFor('wf1:node1', 2);
		expect(one.size).toBe(2);
	});
});

describe('the copy in static data', () => {
	it('holds delivered keys (11 characters each, oldest first) and only the answers kept', () => {
		const book = new DeliveryBook(10);
		fresh(book.claim('id:a', 0)).settle({ delivered: true });
		fresh(book.claim('id:b', 0)).settle({ delivered: true, answer: { id: 'b', entity_id: 'x' } });
		fresh(book.claim('body:c', 0, { ttlMs: 1000 })).settle({ delivered: true });
		fresh(book.claim('id:failed', 0)).settle({ delivered: false });
		book.claim('id:running', 0);
		expect(book.stored(10)).toEqual({
			v: 2,
			keys: `${hashKey('id:a')}${hashKey('id:b')}${hashKey('body:c')}`,
			ttl: { [hashKey('body:c')]: 1000 },
			answers: { [hashKey('id:b')]: { id: 'b', entity_id: 'x' } },
		});
		expect(hashKey('id:a')).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(KEY_CHARS).toBe(11);
		// expired keys are left out
		expect(book.stored(2000)).toMatchObject({ keys: `${hashKey('id:a')}${hashKey('id:b')}` });
	});

	it('counts a provisional key (answered on receipt) as delivered until it fails', () => {
		const book = new DeliveryBook(10);
		const claim = fresh(book.claim('id:p', 0, { provisional: true }));
		expect(book.stored(0).keys).toBe(hashKey('id:p'));
		// in this process a re-delivery still waits for the answer that goes out
		expect(book.claim('id:p', 0).state).toBe('running');
		claim.settle({ delivered: false });
		expect(book.stored(0).keys).toBe('');
	});

	it('is read back once, after a restart, older than what this process saw since', () => {
		const before = new DeliveryBook(10);
		fresh(before.claim('id:old', 0)).settle({
			delivered: true,
			answer: { id: 'old', entity_id: 'e' },
		});
		const saved = JSON.parse(JSON.stringify(before.view()));

		const after = new DeliveryBook(10);
		fresh(after.claim('id:new', 0)).settle({ delivered: true });
		after.absorb(saved);
		expect(after.claim('id:old', 0)).toEqual({
			state: 'done',
			answer: { id: 'old', entity_id: 'e' },
		});
		expect(after.stored(0).keys).toBe(`${hashKey('id:old')}${hashKey('id:new')}`);
		// only the first absorb counts (later copies are this process's own)
		after.absorb({ v: 2, keys: hashKey('id:other') });
		expect(after.claim('id:other', 0).state).toBe('fresh');
	});

	it('reads the first format: {"k" + 20 hex characters of the SHA-256: expiry}', () => {
		const old = (key: string) =>
			`k${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 20)}`;
		const book = new DeliveryBook(10);
		book.absorb({ [old('id:legacy')]: 0, [old('body:f')]: 5000, junk: 1 });
		expect(book.claim('id:legacy', 0).state).toBe('done');
		expect(book.claim('body:f', 4999).state).toBe('done');
		expect(book.claim('body:f', 5000).state).toBe('fresh');
		expect(storedEntries(undefined)).toEqual([]);
		expect(storedEntries(['x'])).toEqual([]);
		expect(storedEntries({ v: 2, keys: 'short' })).toEqual([]);
	});

	it('serialises when n8n serialises: the view carries what happened after it was written', () => {
		const book = new DeliveryBook(10);
		const staticData: Record<string, unknown> = { deliveries: book.view() };
		expect(Object.keys(staticData.deliveries as object)).toEqual([]);
		fresh(book.claim('id:later', 0)).settle({ delivered: true });
		expect(book.unsaved).toBe(true);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual({
			deliveries: { v: 2, keys: hashKey('id:later') },
		});
		expect(book.unsaved).toBe(false);
	});

	it('asks for one save at a time: changes made while a save is pending go out with it', () => {
		const book = new DeliveryBook(10);
		expect(book.shouldSave(0)).toBe(false); // nothing changed
		fresh(book.claim('id:s1', 0)).settle({ delivered: true });
		expect(book.shouldSave(0)).toBe(true);
		fresh(book.claim('id:s2', 10)).settle({ delivered: true });
		expect(book.shouldSave(10)).toBe(false); // the pending save will serialise s2 too
		expect(JSON.stringify(book.view())).toContain(hashKey('id:s2'));
		expect(book.shouldSave(20)).toBe(false); // saved, nothing new
		fresh(book.claim('id:s3', 30)).settle({ delivered: true });
		expect(book.shouldSave(30)).toBe(true);
		// a save asked for that never happened stops counting after the grace
		fresh(book.claim('id:s4', 40)).settle({ delivered: true });
		expect(book.shouldSave(30 + SAVE_PENDING_MS - 1)).toBe(false);
		expect(book.shouldSave(30 + SAVE_PENDING_MS)).toBe(true);
	});

	it('stays small: 10,000 delivered keys take 110,000 characters of JSON', () => {
		const book = new DeliveryBook(10_000);
		for (let i = 0; i < 10_500; i++) fresh(book.claim(`id:wb-${i}`, 0)).settle({ delivered: true });
		expect(book.size).toBe(10_000);
		const json = JSON.stringify(book.view());
		expect(json.length).toBe(10_000 * KEY_CHARS + '{"v":2,"keys":""}'.length);
		const reread = new DeliveryBook(10_000);
		reread.absorb(JSON.parse(json));
		expect(reread.claim('id:wb-10499', 0).state).toBe('done');
		expect(reread.claim('id:wb-499', 0).state).toBe('fresh');
	});
});
