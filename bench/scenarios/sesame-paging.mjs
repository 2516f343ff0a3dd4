// Scenario 2: Sesame HR "List Employees" with Return All vs the HTTP Request node's built-in
// pagination (page = $pageCount + 1, stop when meta.currentPage >= meta.lastPage, largest page size
// the fake accepts) followed by Split Out (the page envelopes -> one item per employee).
import { chain, credRef, httpNode, node, ours, webhookNode } from '../lib/workflows.mjs';
import { measureOk, measureRun } from '../lib/measure.mjs';
import { log, median } from '../lib/util.mjs';

export const SESAME_CRED = { id: 'benchSesameCred1', name: 'Sesame (bench)', type: 'sesameHrApi' };
export const SESAME_HEADER_CRED = {
	id: 'benchSesameHdr01',
	name: 'Sesame header (bench)',
	type: 'httpHeaderAuth',
};

export function sesameCredentials(sesame) {
	return [
		{ ...SESAME_CRED, data: { apiToken: sesame.token, region: 'custom', baseUrl: sesame.baseUrl } },
		{ ...SESAME_HEADER_CRED, data: { name: 'Authorization', value: `Bearer ${sesame.token}` } },
	];
}

function tunedHttp(sesame, pageSize) {
	return httpNode(
		'HTTP Request',
		{
			url: `${sesame.baseUrl}/core/v3/employees`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: String(pageSize) }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
						},
						paginationCompleteWhen: 'other',
						completeExpression:
							'={{ $response.body.meta.currentPage >= $response.body.meta.lastPage }}',
						limitPagesFetched: true,
						maxRequests: 10000,
					},
				},
			},
		},
		credRef(SESAME_HEADER_CRED),
	);
}

/** One item {count_id: <number of items>}: proves the item count without sending 10,000 items back. */
export const countNode = (field = 'id') =>
	node(
		'Count',
		'n8n-nodes-base.summarize',
		{ fieldsToSummarize: { values: [{ aggregation: 'count', field }] }, options: {} },
		undefined,
		1.1,
	);

const splitOut = () =>
	node('Split Out', 'n8n-nodes-base.splitOut', {
		fieldToSplitOut: 'data',
		include: 'noOtherFields',
		options: {},
	});

export function sesamePagingWorkflows({ sesame, maxPageSize }) {
	return [
		chain('benchS2Ours00001', [
			webhookNode('s2-ours'),
			node(
				'Sesame HR',
				ours('sesameHr'),
				{ resource: 'employee', operation: 'getAll', returnAll: true, filters: {} },
				credRef(SESAME_CRED),
			),
			countNode(),
		]),
		chain('benchS2Theirs001', [
			webhookNode('s2-theirs'),
			tunedHttp(sesame, maxPageSize),
			splitOut(),
			countNode(),
		]),
		chain('benchS2Theirs100', [
			webhookNode('s2-theirs-100'),
			tunedHttp(sesame, 100),
			splitOut(),
			countNode(),
		]),
	];
}

async function variant(instance, sesame, path, runs, expected) {
	const rows = [];
	await instance.start();
	try {
		await instance.waitForWebhook(`/webhook/${path}`);
		// warm-up (first run after start loads node code): not counted
		await measureRun(instance, path, {});
		for (let r = 0; r < runs; r++) {
			sesame.resetState();
			const m = await measureOk(instance, path, {}, { onRefused: () => sesame.resetState() });
			const api = sesame.route('GET /core/v3/employees');
			const row = {
				ms: m.ms,
				status: m.status,
				rssPeak: m.rssPeak,
				rssStart: m.rssStart,
				requests: api.requests,
				bytes: api.bytes,
				pageSizes: [...new Set(sesame.state.pages.map((p) => p.perPage))],
				rateLimited: sesame.state.rateLimited,
				first: m.body,
			};
			row.count = m.body?.count_id;
			row.ok = m.status === 200 && row.count === expected && row.rateLimited === 0;
			log(
				`[s2] ${path} run ${r + 1}/${runs}: ${Math.round(m.ms)} ms, ${row.requests} requests (page ${row.pageSizes}), ${row.count} items, peak ${(m.rssPeak / 2 ** 20).toFixed(0)} MB, status ${m.status}`,
			);
			rows.push(row);
		}
	} finally {
		await instance.stop();
	}
	return {
		runs: rows.length,
		ms: median(rows.map((r) => r.ms)),
		requests: median(rows.map((r) => r.requests)),
		bytes: median(rows.map((r) => r.bytes)),
		rssPeak: median(rows.map((r) => r.rssPeak)),
		rssStart: median(rows.map((r) => r.rssStart)),
		pageSizes: rows[0]?.pageSizes,
		ok: rows.every((r) => r.ok),
		expected,
		raw: rows,
	};
}

export async function runSesamePaging({ instance, fakes, runs, employees }) {
	const { sesame } = fakes;
	return {
		ours: await variant(instance, sesame, 's2-ours', runs, employees),
		theirs: await variant(instance, sesame, 's2-theirs', runs, employees),
		theirs100: await variant(instance, sesame, 's2-theirs-100', runs, employees),
	};
}
