/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1, for driving n8n's real AI Agent:
 *
 * - POST /v1/chat/completions: answers turn N of the conversation with `script[N]` — tool calls
 *   (`{ tools: [{ name, args }] }`, names matched against the tools the request offers by prefix)
 *   or a final text (`{ text }`); a turn is counted per completion request;
 * - GET /v1/models: one model.
 *
 * Everything n8n sends is logged (`requests`): the tool definitions, and on later turns the tool
 * results as `role: "tool"` messages — exactly what a model would read.
 */
import { route, startFakeServer, type FakeServer } from './server';

export interface ToolCallStep {
	/** Each call: the tool whose name starts with `name`, with these arguments. */
	tools: Array<{ name: string; args: Record<string, unknown> }>;
}
export type ScriptStep = ToolCallStep | { text: string };

export interface ChatRequest {
	model?: string;
	messages: Array<{ role: string; content?: unknown; tool_call_id?: string; tool_calls?: unknown }>;
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: Record<string, unknown> };
	}>;
}

export interface OpenAiFake extends FakeServer {
	/** The completion requests, in order. */
	completions(): ChatRequest[];
}

export async function startOpenAiFake(script: ScriptStep[]): Promise<OpenAiFake> {
	let turn = 0;
	const server = await startFakeServer({
		routes: [
			route('GET', '/v1/models', () => ({
				status: 200,
				body: { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: 'test' }] },
			})),
			route('POST', '/v1/chat/completions', (request) => {
				const body = request.body as ChatRequest;
				const step = script[Math.min(turn, script.length - 1)];
				const id = `chatcmpl-${++turn}`;
				const offered = (body.tools ?? []).map((t) => t.function.name);
				const message =
					'text' in step
						? { role: 'assistant', content: step.text }
						: {
								role: 'assistant',
								content: null,
								tool_calls: step.tools.map((call, index) => {
									const name = offered.find((n) => n.startsWith(call.name));
									if (!name) throw new Error(`no tool "${call.name}…" among ${offered.join(', ')}`);
									return {
										id: `call_${turn}_${index}`,
										type: 'function',
										function: { name, arguments: JSON.stringify(call.args) },
									};
								}),
							};
				return {
					status: 200,
					body: {
						id,
						object: 'chat.completion',
						created: 1_700_000_000 + turn,
						model: body.model ?? 'fake-model',
						choices: [
							{
								index: 0,
								message,
								finish_reason: 'text' in step ? 'stop' : 'tool_calls',
							},
						],
						usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
					},
				};
			}),
		],
	});
	return {
		...server,
		completions: () =>
			server.requests
				.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
				.map((r) => r.body as ChatRequest),
	};
}
