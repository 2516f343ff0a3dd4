import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeProperties } from '../common/declarative';
import { TOOL_VARIANT } from '../common/describe';
import { SESAME_RESOURCES } from './generated';
import { listSearch, loadOptions } from './listSearch';
import { SESAME_BASE_URL_EXPRESSION, sesameVendor } from './shared/vendor';

export class SesameHr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sesame HR',
		name: 'sesameHr',
		icon: { light: 'file:../../icons/sesame.svg', dark: 'file:../../icons/sesame.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage employees, time tracking, absences, vacations, contracts, recruitment and more in Sesame HR',
		defaults: { name: 'Sesame HR' },
		usableAsTool: TOOL_VARIANT,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sesameHrApi', required: true }],
		requestDefaults: {
			baseURL: SESAME_BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json' },
		},
		properties: declarativeProperties(sesameVendor, SESAME_RESOURCES, 'employee'),
	};

	methods = { listSearch, loadOptions };
}
