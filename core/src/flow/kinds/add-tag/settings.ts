import { nodeSchemaOf } from '../../node-shape';
import { tagSettings } from '../tag-settings';

export const AddTagSchema = nodeSchemaOf('add_tag', tagSettings);
