import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { errorItem, nodeErrorOf } from '../common/errors';
import { TOOL_VARIANT } from '../common/describe';
import { shapeRecords } from '../common/output';
import { runForItem } from './actions/single';
import { upsert } from './actions/upsert';
import { customSlotOptions, fieldOptions } from './shared/fields';
import { SENSE_PERSONAL_DATA, senseProperties } from './shared/properties';
import { SENSE_ENTITIES } from './generated/schema';
import { senseBaseUrl, type OperationValue } from './shared/vendor';

export class Sense implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sense',
		name: 'sense',
		icon: { light: 'file:../../icons/sense.svg', dark: 'file:../../icons/sense.dark.svg' },
		group: ['transform'],
		version: [1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Sync ATS records (candidates, job orders, placements, ...) into Sense',
		defaults: { name: 'Sense' },
		usableAsTool: TOOL_VARIANT,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'senseApi', required: true }],
		properties: senseProperties,
	};

	methods = {
		loadOptions: {
			/** The fields of the selected record type, for the possible-values operations. */
			async getEntityFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const resource = this.getCurrentNodeParameter('resource') as string;
				const entity = SENSE_ENTITIES.find((e) => e.resource === resource);
				return entity ? fieldOptions(entity) : [];
			},
			/** The custom slots of the selected record type, for "Custom Fields". */
			async getCustomSlots(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const resource = this.getCurrentNodeParameter('resource') as string;
				const entity = SENSE_ENTITIES.find((e) => e.resource === resource);
				return entity ? customSlotOptions(entity) : [];
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as OperationValue;
		const entity = SENSE_ENTITIES.find((e) => e.resource === resource);
		if (!entity) throw new NodeOperationError(this.getNode(), `Unknown resource "${resource}"`);
		const baseURL = senseBaseUrl(await this.getCredentials('senseApi'));

		if (operation === 'upsert') return [await upsert.call(this, entity, items, baseURL)];

		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const record = await runForItem.call(this, operation, entity, items[i], i, baseURL);
				// Fields to Return and the personal-data switches (../common/output.ts)
				const [json] = shapeRecords(
					(name, fallback) => this.getNodeParameter(name, i, fallback),
					[record],
					SENSE_PERSONAL_DATA,
				);
				output.push({ json, pairedItem: { item: i } });
			} catch (error) {
				const nodeError = nodeErrorOf(this.getNode(), error, i);
				if (!this.continueOnFail()) throw nodeError;
				output.push(errorItem(nodeError, i));
			}
		}
		return [output];
	}
}
