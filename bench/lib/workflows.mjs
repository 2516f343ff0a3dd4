// Workflow and credential builders for the benchmarks (n8n 2.41 node versions).
import { createHash } from 'node:crypto';

const uuidOf = (text) => {
	const h = createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const PKG = 'n8n-nodes-workforce';
export const ours = (name) => `${PKG}.${name}`;

let seq = 0;
const nodeId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/** Webhook trigger answering with the first item of the last node (so the caller waits for the run). */
export function webhookNode(
	path,
	{ responseMode = 'lastNode', responseData = 'firstEntryJson' } = {},
) {
	return {
		id: nodeId(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: uuidOf(path),
		position: [0, 0],
		parameters: { httpMethod: 'POST', path, responseMode, responseData, options: {} },
	};
}

export function httpNode(name, parameters, credentials) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: { options: {}, ...parameters },
		...(credentials ? { credentials } : {}),
	};
}

export function node(name, type, parameters, credentials, typeVersion = 1) {
	return {
		id: nodeId(),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...(credentials ? { credentials } : {}),
	};
}

/** A linear workflow: nodes[0] -> nodes[1] -> ... */
export function chain(id, nodes, settings = {}) {
	const connections = {};
	nodes.forEach((n, i) => {
		n.position = [i * 240, 0];
		if (i > 0)
			connections[nodes[i - 1].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name: `bench ${id}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...settings },
	};
}

export const credRef = (credential) => ({
	[credential.type]: { id: credential.id, name: credential.name },
});
