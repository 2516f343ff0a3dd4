/**
 * Running a polling trigger poll after poll in-process (test/harness runPoll), with one static-data
 * object standing for the workflow's: pass the same object again to continue, or a JSON copy of it to
 * stand for a restart.
 */
import type { ICredentialType, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { runPoll, type CredentialsMap, type RunPollResult } from '../harness';

export function pollerOf(
	node: () => INodeType,
	credentials: CredentialsMap,
	credentialTypes: ICredentialType[],
) {
	return (parameters: INodeParameters, staticData: IDataObject = {}) =>
		async (mode: 'trigger' | 'manual' = 'trigger') =>
			await runPoll({ node: node(), parameters, credentials, credentialTypes, staticData, mode });
}

/** The JSON of the items a poll emitted (null: nothing new). */
export const jsonOf = (result: RunPollResult) =>
	result.result?.[0].map((item) => item.json) ?? null;
