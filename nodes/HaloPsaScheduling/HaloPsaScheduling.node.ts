import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { HALO_RESOURCE_URL_EXPRESSION } from '../../credentials/HaloPsaSchedulingApi.credentials';
import { declarativeProperties } from '../common/declarative';
import { TOOL_VARIANT } from '../common/describe';
import { listSearch, loadOptions } from './listSearch';
import { HALO_RESOURCES } from './resources';
import { haloVendor } from './shared/vendor';

export class HaloPsaScheduling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Scheduling',
		name: 'haloPsaScheduling',
		icon: { light: 'file:../../icons/halopsa.svg', dark: 'file:../../icons/halopsa.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage appointments, schedules, timesheets, holidays, workdays and downtime in HaloPSA',
		defaults: { name: 'HaloPSA Scheduling' },
		usableAsTool: TOOL_VARIANT,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'haloPsaSchedulingApi', required: true }],
		requestDefaults: {
			baseURL: HALO_RESOURCE_URL_EXPRESSION,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: declarativeProperties(haloVendor, HALO_RESOURCES, 'appointment'),
	};

	methods = { listSearch, loadOptions };
}
