import type { NodeType } from '@cadenza/core';
import { defaultValueOf, settingsJsonSchemaOf } from '../schema-form/json-schema';

/** The settings a new node of `type` starts with: its schema's defaults and required fields. */
export const defaultSettingsOf = (type: NodeType): unknown => defaultValueOf(settingsJsonSchemaOf(type));
