import { nodeSchemaOf } from '../../node-shape';
import { tagSettings } from '../tag-settings';

export const addTagSchema = nodeSchemaOf('add_tag', tagSettings);
