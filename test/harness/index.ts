/**
 * In-process test harness: runs our nodes through n8n-core's real engine (WorkflowExecute,
 * RoutingNode, LoadOptionsContext, PollContext, n8n's HTTP client) with nock as the only network.
 *
 * Layers:
 *   engine.ts       DI stub (InstanceSettings), node-types registry, the workflow (the node under test,
 *                   optionally nodes after it), additionalData
 *   credentials.ts  CredentialStore + ICredentialsHelper behaving like n8n's production helper
 *   run.ts          runNode / runLoadOptions / runListSearch / testCredential / runPoll /
 *                   runHook / runWebhook / createHookContext / recordLogs
 * jest wiring: jest-setup.ts (silent logger, no real network), jest-environment.js (nock restore).
 */
export {
	runNode,
	runLoadOptions,
	runListSearch,
	testCredential,
	runPoll,
	runHook,
	runWebhook,
	createHookContext,
	recordLogs,
} from './run';
export type {
	NodeContextOptions,
	RunNodeOptions,
	RunNodeResult,
	LoadOptionsOptions,
	ListSearchOptions,
	TestCredentialOptions,
	RunPollOptions,
	RunPollResult,
	HookContextOptions,
	RunHookOptions,
	RunHookResult,
	RunWebhookOptions,
	RunWebhookResult,
	WorkflowNode,
	LoggedLine,
} from './run';
export { CredentialStore, CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials';
export type { CredentialsMap, CredentialUpdate } from './credentials';
export { PACKAGE_NAME, describedNodeType, typeNameOf } from './engine';
